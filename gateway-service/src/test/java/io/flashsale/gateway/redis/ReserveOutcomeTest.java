package io.flashsale.gateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.impl.types.BulkType;
import io.vertx.redis.client.impl.types.MultiType;
import io.vertx.redis.client.impl.types.NumberType;

/**
 * The reserve script's replies as Redis sends them (an array of bulk strings and integers; Lua's false
 * is a nil) read into outcomes, without a Redis: ScriptPropertiesTest runs the script itself.
 */
class ReserveOutcomeTest {

    @Test
    void accepted() {
        ReserveOutcome outcome = ReserveOutcome.of(reply("ACCEPTED", "order-1", "{\"seq\":1}", 41L));

        assertEquals(new ReserveOutcome(ReserveOutcome.Kind.ACCEPTED, "order-1", "{\"seq\":1}", 41, null,
                ReserveOutcome.NOT_ASKED), outcome);
    }

    @Test
    void theReplicasThatConfirmedItAreKept() {
        ReserveOutcome outcome = ReserveOutcome.of(reply("ACCEPTED", "order-1", "{\"seq\":1}", 41L), 1);

        assertEquals(1, outcome.replicas());
    }

    @Test
    void aDuplicateWithItsEventAndOneWhoseEventWasPruned() {
        assertEquals(new ReserveOutcome(ReserveOutcome.Kind.DUPLICATE, "order-1", "{}", 0, null, ReserveOutcome.NOT_ASKED),
                ReserveOutcome.of(reply("DUPLICATE", "order-1", "{}")));
        assertEquals(new ReserveOutcome(ReserveOutcome.Kind.DUPLICATE, "order-1", null, 0, null, ReserveOutcome.NOT_ASKED),
                ReserveOutcome.of(reply("DUPLICATE", "order-1", null)));
    }

    @Test
    void refusalsCarryTheirFigureOrReason() {
        assertEquals(new ReserveOutcome(ReserveOutcome.Kind.NOT_ACTIVE, null, null, 0, "NOT_STARTED", ReserveOutcome.NOT_ASKED),
                ReserveOutcome.of(reply("NOT_ACTIVE", "NOT_STARTED")));
        assertEquals(new ReserveOutcome(ReserveOutcome.Kind.LIMIT_REACHED, null, null, 2, null, ReserveOutcome.NOT_ASKED),
                ReserveOutcome.of(reply("LIMIT_REACHED", 2L, 2L)), "the figure is the limit, not the units held");
        assertEquals(new ReserveOutcome(ReserveOutcome.Kind.SOLD_OUT, null, null, 3, null, ReserveOutcome.NOT_ASKED),
                ReserveOutcome.of(reply("SOLD_OUT", 3L)));
        assertEquals(new ReserveOutcome(ReserveOutcome.Kind.RATE_LIMITED, null, null, 150, "address", ReserveOutcome.NOT_ASKED),
                ReserveOutcome.of(reply("RATE_LIMITED", 150L, "address")));
        assertEquals(new ReserveOutcome(ReserveOutcome.Kind.NOT_FOUND, null, null, 0, null, ReserveOutcome.NOT_ASKED),
                ReserveOutcome.of(reply("NOT_FOUND")));
        assertEquals(new ReserveOutcome(ReserveOutcome.Kind.RECOVERING, null, null, 0, null, ReserveOutcome.NOT_ASKED),
                ReserveOutcome.of(reply("RECOVERING")));
    }

    @Test
    void anAnswerTheScriptNeverGivesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ReserveOutcome.of(reply("MAYBE")));
    }

    private static Response reply(Object... items) {
        MultiType array = MultiType.create(items.length, false);
        for (Object item : items) {
            array.add(item == null ? null
                    : item instanceof Long n ? NumberType.create(n)
                    : BulkType.create(Buffer.buffer(item.toString()), false));
        }
        return Response.newInstance(array);
    }
}
