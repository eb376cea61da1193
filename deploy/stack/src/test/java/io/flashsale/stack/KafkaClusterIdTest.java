package io.flashsale.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The storage tool takes an id starting with '-' for an option: such an id made one start in 64 fail. */
class KafkaClusterIdTest {

    @Test
    void anIdNeverStartsWithADashAndIsSixteenBytes() {
        for (int i = 0; i < 10_000; i++) {
            String id = KafkaQuorum.newClusterId();
            assertFalse(id.startsWith("-"), id);
            assertEquals(16, Base64.getUrlDecoder().decode(id).length, id);
        }
    }
}
