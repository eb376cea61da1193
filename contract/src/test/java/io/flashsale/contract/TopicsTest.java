package io.flashsale.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

class TopicsTest {

    @Test
    void aSaleRecordIsJsonNamingTheSale() throws Exception {
        String record = Topics.saleRecord("summer_2026-A");
        assertEquals("summer_2026-A", new ObjectMapper().readTree(record).get("saleId").asText());
    }

    /** The value is built without escaping: only a valid sale id may go into it. */
    @ParameterizedTest
    @ValueSource(strings = {"", "a\"b", "a\\b", "-a", "a{b}"})
    void onlyASaleIdMakesARecord(String notASaleId) {
        assertThrows(IllegalArgumentException.class, () -> Topics.saleRecord(notASaleId));
    }
}
