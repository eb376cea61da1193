package io.flashsale.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads and writes {@link OrderEvent}s, refusing anything that is not a valid version-1 event. */
public final class OrderEventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** 9999-12-31T23:59:59.999Z in epoch milliseconds. */
    private static final long LATEST_ACCEPTED_AT = 253_402_300_799_999L;

    private OrderEventCodec() {
    }

    public static String encode(OrderEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OrderEvent is always serialisable", e);
        }
    }

    /**
     * Decodes one record value.
     *
     * @throws InvalidEventException naming what is wrong, for the dead-letter queue
     */
    public static OrderEvent decode(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("empty record value");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        int version = requireInt(node, "schemaVersion");
        if (version != OrderEvent.SCHEMA_VERSION) {
            throw new InvalidEventException("unsupported schemaVersion " + version);
        }
        String orderId = requireText(node, "orderId");
        if (Ids.parseOrderId(orderId).isEmpty()) {
            throw new InvalidEventException("orderId is not a UUID");
        }
        String saleId = requireText(node, "saleId");
        if (!Ids.isSaleId(saleId)) {
            throw new InvalidEventException("saleId is not a valid sale id");
        }
        String userId = requireText(node, "userId");
        if (!Ids.isUserId(userId)) {
            throw new InvalidEventException("userId is not a valid user id");
        }
        int quantity = requireInt(node, "quantity");
        if (quantity < 1) {
            throw new InvalidEventException("quantity must be at least 1");
        }
        long seq = requireLong(node, "seq");
        if (seq < 1) {
            throw new InvalidEventException("seq must be at least 1");
        }
        long acceptedAt = requireLong(node, "acceptedAt");
        // A time PostgreSQL cannot store would stall the partition: refuse it here, to the DLQ.
        if (acceptedAt < 0 || acceptedAt > LATEST_ACCEPTED_AT) {
            throw new InvalidEventException("acceptedAt is out of range");
        }
        JsonNode key = node.get("idempotencyKey");
        String idempotencyKey = key == null || key.isNull() ? null : key.asText();
        if (idempotencyKey != null && !Ids.isIdempotencyKey(idempotencyKey)) {
            throw new InvalidEventException("idempotencyKey is not a valid idempotency key");
        }
        Integer perUserLimit = null;
        if (node.hasNonNull("perUserLimit")) {
            perUserLimit = requireInt(node, "perUserLimit");
            if (perUserLimit < 1) {
                throw new InvalidEventException("perUserLimit must be at least 1");
            }
        }
        Integer saleTotal = null;
        if (node.hasNonNull("saleTotal")) {
            saleTotal = requireInt(node, "saleTotal");
            if (saleTotal < 1) {
                throw new InvalidEventException("saleTotal must be at least 1");
            }
        }
        return new OrderEvent(version, orderId, saleId, userId, quantity, seq, acceptedAt, idempotencyKey,
                perUserLimit, saleTotal);
    }

    private static String requireText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidEventException(field + " is missing or not a string");
        }
        return value.asText();
    }

    private static long requireLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        // The reserve script's JSON encoder writes integers as numbers that may carry ".0".
        if (value == null || !value.isNumber() || value.asDouble() != Math.rint(value.asDouble())) {
            throw new InvalidEventException(field + " is missing or not an integer");
        }
        return value.asLong();
    }

    private static int requireInt(JsonNode node, String field) {
        long value = requireLong(node, field);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new InvalidEventException(field + " is out of range");
        }
        return (int) value;
    }

    /** A record value that is not a valid order event; the message is the reason. */
    public static final class InvalidEventException extends RuntimeException {
        public InvalidEventException(String reason) {
            super(reason);
        }
    }
}
