package com.exponential.access.fireflies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionItemsTest {

    @Test
    void readsAssigneeHeadingsBulletsAndTimes() {
        assertThat(ActionItems.parse(FakeFireflies.ACTION_ITEMS)).containsExactly(
                new ActionItems.Item(1, "Send the deck to the client", "Ada Lovelace", "01:05"),
                new ActionItems.Item(2, "Book the room", "Ada Lovelace", null),
                new ActionItems.Item(3, "Review the pull request", "Bob", "12:30"));
    }

    @Test
    void toleratesNothingAndItemsWithoutHeadings() {
        assertThat(ActionItems.parse(null)).isEmpty();
        assertThat(ActionItems.parse("  \n\n")).isEmpty();
        assertThat(ActionItems.parse("1. Call **Eve** back (1:02:03)\r\n* Write notes")).containsExactly(
                new ActionItems.Item(1, "Call Eve back", null, "1:02:03"),
                new ActionItems.Item(2, "Write notes", null, null));
    }
}
