package com.exponential.access.fireflies;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Fireflies' {@code summary.action_items}: one string where {@code **Name**} lines head each
 * assignee's items, one item a line, often ending with a "(mm:ss)" time stamp.
 */
public final class ActionItems {

    /** One item: its text, the assignee heading it sat under (or null), and its time stamp (or null). */
    public record Item(int number, String text, String assignee, String at) {
    }

    private static final Pattern HEADING = Pattern.compile("^\\*\\*(.+?)\\*\\*:?$");
    private static final Pattern BULLET = Pattern.compile("^(?:[-*•]|\\d+[.)])\\s+");
    private static final Pattern TIME = Pattern.compile("\\s*\\((\\d{1,2}:\\d{2}(?::\\d{2})?)\\)\\s*$");

    private ActionItems() {
    }

    /** The items in order, numbered from 1; the number is stable for a given text and names the item in its source key. */
    public static List<Item> parse(String text) {
        List<Item> items = new ArrayList<>();
        if (text == null) {
            return items;
        }
        String assignee = null;
        for (String rawLine : text.split("\\R")) {
            String line = rawLine.trim();
            if (line.isEmpty()) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                assignee = heading.group(1).trim();
                continue;
            }
            line = BULLET.matcher(line).replaceFirst("");
            String at = null;
            Matcher time = TIME.matcher(line);
            if (time.find()) {
                at = time.group(1);
                line = line.substring(0, time.start()).trim();
            }
            line = line.replace("**", "").trim();
            if (!line.isEmpty()) {
                items.add(new Item(items.size() + 1, line, assignee, at));
            }
        }
        return items;
    }
}
