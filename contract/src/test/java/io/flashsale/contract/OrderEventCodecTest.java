package io.flashsale.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEventCodec.InvalidEventException;

class OrderEventCodecTest {

    private static final String ORDER_ID = "0b7b2f4e-8f0e-4d6e-9a43-5b1f3c2d1e00";

    @Test
    void decodesWhatTheReserveScriptWrites() {
        // cjson writes integers as plain numbers and key order is arbitrary.
        String json = "{\"seq\":7,\"quantity\":2,\"userId\":\"u-1\",\"saleId\":\"s1\",\"acceptedAt\":1795000000123,"
                + "\"orderId\":\"" + ORDER_ID + "\",\"schemaVersion\":1}";
        OrderEvent event = OrderEventCodec.decode(json);
        assertEquals(new OrderEvent(1, ORDER_ID, "s1", "u-1", 2, 7, 1795000000123L, null, null, null), event);
    }

    @Test
    void ignoresAFieldItDoesNotKnowSoANewerGatewaysEventsStillDecode() {
        // A gateway deployed before its order-service may write fields this version has not heard of.
        String json = "{\"schemaVersion\":1,\"orderId\":\"" + ORDER_ID + "\",\"saleId\":\"s1\",\"userId\":\"u-1\","
                + "\"quantity\":1,\"seq\":1,\"acceptedAt\":5,\"saleSegment\":2}";
        assertEquals(new OrderEvent(1, ORDER_ID, "s1", "u-1", 1, 1, 5L, null, null, null), OrderEventCodec.decode(json));
    }

    @Test
    void roundTrips() {
        OrderEvent event = new OrderEvent(1, ORDER_ID, "s1", "u-1", 1, 3, 42, "k-1", 2, 500);
        assertEquals(event, OrderEventCodec.decode(OrderEventCodec.encode(event)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''| empty record value",
        "not json| not JSON",
        "[1]| not a JSON object",
        "{\"schemaVersion\":2}| unsupported schemaVersion 2",
        "{\"schemaVersion\":1,\"orderId\":\"x\"}| orderId is not a UUID",
        "{\"schemaVersion\":1,\"orderId\":\"" + ORDER_ID + "\",\"saleId\":\"{a}\"}| saleId is not a valid sale id",
        "{\"schemaVersion\":1,\"orderId\":\"" + ORDER_ID + "\",\"saleId\":\"s\",\"userId\":\"u\",\"quantity\":-1}"
                + "| quantity must be at least 1",
        "{\"schemaVersion\":1,\"orderId\":\"" + ORDER_ID + "\",\"saleId\":\"s\",\"userId\":\"u\",\"quantity\":1.5}"
                + "| quantity is missing or not an integer",
        "{\"schemaVersion\":1,\"orderId\":\"" + ORDER_ID + "\",\"saleId\":\"s\",\"userId\":\"u\",\"quantity\":1,"
                + "\"seq\":1,\"acceptedAt\":10000000000000000}| acceptedAt is out of range",
        "{\"schemaVersion\":1,\"orderId\":\"" + ORDER_ID + "\",\"saleId\":\"s\",\"userId\":\"u\",\"quantity\":1,"
                + "\"seq\":1,\"acceptedAt\":1,\"saleTotal\":0}| saleTotal must be at least 1",
    })
    void refusesWithAReason(String json, String reason) {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> OrderEventCodec.decode(json));
        assertEquals(reason.strip(), e.getMessage().startsWith("not JSON") ? "not JSON" : e.getMessage());
    }
}
