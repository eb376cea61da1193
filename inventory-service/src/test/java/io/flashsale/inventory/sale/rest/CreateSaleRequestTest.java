package io.flashsale.inventory.sale.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.contract.problem.ProblemException;
import io.flashsale.inventory.sale.service.NewSale;

/** The validation of a new sale's body, field by field, without a server (SaleValidationTest sends them over HTTP). */
class CreateSaleRequestTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00.123456Z");
    private static final Duration DEFAULT = Duration.ofHours(1);
    private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");
    private static final Instant END = Instant.parse("2030-01-01T11:00:00Z");

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new CreateSaleRequest("a{b}", "x", 10L, null, null, null), "id"),
                Arguments.of(new CreateSaleRequest("ok", null, 10L, null, null, null), "name"),
                Arguments.of(new CreateSaleRequest("ok", "   ", 10L, null, null, null), "name"),
                Arguments.of(new CreateSaleRequest("ok", "n".repeat(201), 10L, null, null, null), "name"),
                Arguments.of(new CreateSaleRequest("ok", "x", null, null, null, null), "totalStock"),
                Arguments.of(new CreateSaleRequest("ok", "x", 0L, null, null, null), "totalStock"),
                Arguments.of(new CreateSaleRequest("ok", "x", 10_000_001L, null, null, null), "totalStock"),
                Arguments.of(new CreateSaleRequest("ok", "x", 10L, 0L, null, null), "perUserLimit"),
                Arguments.of(new CreateSaleRequest("ok", "x", 10L, 11L, null, null), "perUserLimit"),
                Arguments.of(new CreateSaleRequest("ok", "x", 10L, null, START, START), "endsAt"),
                Arguments.of(new CreateSaleRequest("ok", "x", 10L, null, START, START.minusSeconds(1)), "endsAt"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void anInvalidFieldIsA400NamingIt(CreateSaleRequest request, String field) throws Exception {
        ProblemException e = assertThrows(ProblemException.class, () -> request.validate(NOW, DEFAULT));

        assertEquals(400, e.problem().type().status());
        assertEquals(field, new ObjectMapper().readTree(e.problem().body()).get("field").asText());
    }

    @Test
    void absentFieldsGetTheirDefaults() {
        NewSale sale = new CreateSaleRequest(null, "  Spring drop ", 10L, null, null, null).validate(NOW, DEFAULT);

        assertTrue(sale.id().startsWith("sale-"), sale.id());
        assertEquals("Spring drop", sale.name());
        assertEquals(1, sale.perUserLimit());
        assertEquals(Instant.parse("2030-01-01T10:00:00.123Z"), sale.startsAt(), "now, to the millisecond Redis keeps");
        assertEquals(sale.startsAt().plus(DEFAULT), sale.endsAt());
    }

    @Test
    void givenFieldsAreKept() {
        NewSale sale = new CreateSaleRequest("spring", "Spring drop", 100L, 2L, START, END).validate(NOW, DEFAULT);

        assertEquals(new NewSale("spring", "Spring drop", 100, 2, START, END), sale);
    }
}
