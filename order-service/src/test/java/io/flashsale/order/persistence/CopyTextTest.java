package io.flashsale.order.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void separatorsBackslashesAndNullsAreWrittenSoThatTheyReadBackAsGiven() {
        StringBuilder out = new StringBuilder();

        CopyText.row(out, "a\tb", "line\nbreak\r", "\\N", null, 42);
        CopyText.row(out, "second");

        assertEquals("a\\tb\tline\\nbreak\\r\t\\\\N\t\\N\t42\nsecond\n", out.toString());
    }

    @Test
    void aNulCharacterIsRefusedRatherThanCutShort() {
        StringBuilder out = new StringBuilder();

        assertThrows(IllegalArgumentException.class, () -> CopyText.row(out, "a\0b"));
    }
}
