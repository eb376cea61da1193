package io.flashsale.contract.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class StrictJsonTest {

    record Body(String name, Long count, Integer small, Double ratio, Boolean flag, Instant at) {
    }

    private final ObjectMapper mapper = StrictJson.apply(new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void valuesOfTheirOwnTypeAreRead() throws Exception {
        Body body = mapper.readValue("{\"name\":\"n\",\"count\":12,\"small\":3,\"ratio\":0.5,\"flag\":true,"
                + "\"at\":\"2030-01-01T10:00:00Z\"}", Body.class);

        assertEquals(new Body("n", 12L, 3, 0.5, true, Instant.parse("2030-01-01T10:00:00Z")), body);
    }

    @Test
    void absentAndNullMembersAreNull() throws Exception {
        assertEquals(new Body(null, null, null, null, null, null), mapper.readValue("{\"count\":null}", Body.class));
    }

    @Test
    void aWholeNumberIsAlsoARatio() throws Exception {
        assertEquals(2.0, mapper.readValue("{\"ratio\":2}", Body.class).ratio());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "count\":\"1\"                | count",
        "count\":\"\"                 | count",
        "count\":1.5                  | count",
        "count\":1.0                  | count",
        "count\":true                 | count",
        "small\":\"3\"                | small",
        "ratio\":\"0.5\"              | ratio",
        "ratio\":false                | ratio",
        "flag\":\"true\"              | flag",
        "flag\":1                     | flag",
        "name\":42                    | name",
        "name\":4.2                   | name",
        "name\":false                 | name",
        "at\":1893456000              | at",
        "at\":1893456000.5            | at",
    })
    void aValueOfAnotherTypeNamesItsMember(String member, String name) {
        MismatchedInputException e = assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"" + member + "}", Body.class));

        assertEquals(name, e.getPath().get(0).getFieldName());
    }

    @Test
    void aMemberTwiceIsNotJson() {
        assertThrows(JsonParseException.class, () -> mapper.readValue("{\"count\":1,\"count\":1000}", Body.class));
    }
}
