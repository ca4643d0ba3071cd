package com.exponential.access.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HexKeyFormatTest {

    @Test
    void hexKeysAreExactly32LowercaseHexCharactersAndDoNotRepeat() {
        TokenService service = new TokenService(null, null, null);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = service.newHexKey();
            assertThat(key).matches("[0-9a-f]{32}");
            seen.add(key);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void expiriesAreExactlyTheFiveAllowedValues() {
        assertThat(Expiry.values()).extracting(e -> e.code).containsExactly("1h", "24h", "7d", "30d", "90d");
        assertThat(Expiry.fromCode("2h")).isEmpty();
        assertThat(Expiry.fromCode("90D")).isEmpty();
    }
}
