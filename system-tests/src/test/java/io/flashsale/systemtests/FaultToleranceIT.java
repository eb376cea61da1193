package io.flashsale.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.contract.RedisKeys;
import io.flashsale.tools.Api;
import io.flashsale.stack.RespConnection;
import io.flashsale.tools.pipeline.Pipeline;
import io.flashsale.tools.pipeline.PipelineClient;
import io.flashsale.tools.pipeline.Tally;
import io.flashsale.tools.soak.SteadyLoad;

/**
 * docs/design.md §7.1, fault by fault, each caused for real (stop, SIGKILL, SIGSTOP, FLUSHALL, an old
 * snapshot) while a steady load of orders keeps arriving ({@link FaultRun}); then the invariants of §6 are
 * checked against every answer the clients got. Figures go to system-tests/target/fault-report.md.
 */
class FaultToleranceIT {

    private static final Duration OUTAGE = FaultRun.OUTAGE;
    private static final Duration RECOVERY = FaultRun.RECOVERY;

    private static Pipeline pipeline;
    private static PipelineClient client;
    private static FaultRun faults;

    @BeforeAll
    static void start() {
        pipeline = SharedPipeline.get();
        client = SharedPipeline.client();
        faults = new FaultRun(client);
    }

    private static Tally run(String name, FaultRun.SimpleFault fault) throws Exception {
        return faults.run(name, fault);
    }

    private static Tally run(String name, FaultRun.Fault fault) throws Exception {
        return faults.run(name, fault);
    }

    private static List<PipelineClient.Outcome> answersDuringOutage(SteadyLoad load) {
        return FaultRun.answersDuringOutage(load);
    }

    private static void hold(Duration duration) {
        FaultRun.hold(duration);
    }

    @Test
    void orderServiceKilledMidBatch() throws Exception {
        run("order-service SIGKILL", () -> {
            pipeline.orders().kill();
            hold(Duration.ofSeconds(5));
            pipeline.orders().start();
        });
    }

    @Test
    void postgresStoppedForFifteenSeconds() throws Exception {
        run("PostgreSQL stopped 15 s", () -> {
            pipeline.stack().postgres().stop();
            await("order-service readiness goes down").atMost(Duration.ofSeconds(30))
                    .until(() -> !pipeline.orders().healthy());
            hold(OUTAGE);
            pipeline.stack().postgres().start();
            await("order-service readiness comes back").atMost(Duration.ofSeconds(60))
                    .until(() -> pipeline.orders().healthy());
        });
    }

    @Test
    void gatewayKilledUnderLoad() throws Exception {
        run("gateway SIGKILL", () -> {
            pipeline.gateway().kill();
            hold(Duration.ofSeconds(3));
            pipeline.gateway().start();
        });
    }

    @Test
    void kafkaStoppedForFifteenSeconds() throws Exception {
        List<PipelineClient.Outcome> during = new ArrayList<>();
        run("Kafka stopped 15 s", load -> {
            pipeline.stack().kafka().stop();
            during.addAll(answersDuringOutage(load));
            pipeline.stack().kafka().start();
        });
        assertTrue(during.size() > 10, "the load kept coming during the outage");
        during.forEach(o -> assertEquals(503, o.status(), () -> "answered " + o + " while Kafka was down"));
        during.forEach(o -> assertTrue(o.nanos() < Duration.ofSeconds(12).toNanos(), () -> "waited " + o));
    }

    @Test
    void brokerFrozenPastTheDeliveryTimeout() throws Exception {
        run("Kafka frozen (SIGSTOP) 15 s", () -> {
            pipeline.stack().kafka().pause();
            try {
                hold(OUTAGE);
            } finally {
                pipeline.stack().kafka().resume();
            }
        });
    }

    @Test
    void redisStoppedAndRestarted() throws Exception {
        List<PipelineClient.Outcome> during = new ArrayList<>();
        run("Redis stopped 15 s", load -> {
            assertEquals("OK", RespConnection.once(pipeline.stack().redis().port(), "SAVE"));
            pipeline.stack().redis().stop();
            during.addAll(answersDuringOutage(load));
            pipeline.stack().redis().start();
        });
        assertTrue(during.size() > 10, "the load kept coming during the outage");
        during.forEach(o -> assertEquals("dependency-unavailable", o.kind(), () -> "answered " + o));
        during.forEach(o -> assertTrue(o.nanos() < Duration.ofSeconds(3).toNanos(), () -> "waited " + o));
    }

    @Test
    void redisFlushedMidSale() throws Exception {
        Tally tally = run("Redis FLUSHALL",
                () -> assertEquals("OK", RespConnection.once(pipeline.stack().redis().port(), "FLUSHALL")));
        recoveringNeverNotFound(tally);
    }

    @Test
    void redisRestartedWithoutPersistence() throws Exception {
        Tally tally = run("Redis restart, data lost", () -> {
            pipeline.stack().redis().kill();
            pipeline.stack().redis().deleteSnapshot();
            pipeline.stack().redis().start();
        });
        recoveringNeverNotFound(tally);
    }

    /**
     * From the loss of the sale's keys to its pause by reconciliation, and through the rebuild, the buyers of a
     * sale that exists are told 503 sale-recovering, never 404 (the gateway's sales' directory knows the sale).
     */
    private static void recoveringNeverNotFound(Tally tally) {
        assertEquals(0, tally.count("sale-not-found"), () -> "answered 404 for a sale that exists: " + tally.counts());
        assertTrue(tally.count("sale-recovering") > 0, () -> "never told sale-recovering: " + tally.counts());
    }

    @Test
    void redisWentBackInTime() throws Exception {
        run("Redis back in time (old RDB)", load -> {
            assertEquals("OK", RespConnection.once(pipeline.stack().redis().port(), "SAVE"));
            long acceptedAtSnapshot = load.tally().count("accepted");
            await("orders accepted after the snapshot").atMost(RECOVERY)
                    .until(() -> load.tally().count("accepted") >= acceptedAtSnapshot + 30);
            // Killed, so it cannot save again: the restart loads the snapshot, behind the database.
            pipeline.stack().redis().kill();
            pipeline.stack().redis().start();
        });
    }

    @Test
    void aSecondOrderAfterRedisForgotTheBuyerIsRefusedByTheDatabase() throws Exception {
        Api api = SharedPipeline.tools();
        String saleId = client.createSale("guard", 10, 1);
        PipelineClient.Outcome first = client.order(saleId, "forgetful", 1);
        assertEquals(202, first.status());
        await("the first order is persisted").atMost(Duration.ofSeconds(30))
                .until(() -> api.get(pipeline.orders().url() + "/api/orders/" + first.orderId()).status() == 200);

        // Redis forgets the buyer (a lost write), so it lets the same user buy again.
        String buyers = "fs:{" + saleId + "}:buyers";
        assertEquals(1L, RespConnection.once(pipeline.stack().redisFor(buyers).port(), "HDEL", buyers, "forgetful"));
        PipelineClient.Outcome second = client.order(saleId, "forgetful", 1);
        assertEquals(202, second.status());

        await("the database refuses the second order").atMost(Duration.ofSeconds(30)).until(() -> "REJECTED".equals(
                SharedPipeline.buyer("forgetful").get(pipeline.gateway().url() + "/api/orders/" + second.orderId())
                        .json().path("status").asText()));
        JsonNode returning = client.drain(saleId, 1, RECOVERY);
        assertEquals(0, returning.path("drift").asLong(), returning::toString);
        // The run after the one that returned the refused unit sees it available again.
        JsonNode run = client.reconcile(saleId);
        assertEquals(0, run.path("drift").asLong(), run::toString);
        assertEquals(1, run.path("persisted").asLong(), run::toString);
        assertEquals(0, run.path("rejected").asLong(), run::toString);
        assertEquals(9, run.path("redisAvailable").asLong(), "the refused unit went back to Redis: " + run);
        String metrics = new Api().get(pipeline.orders().managementUrl() + "/q/metrics").body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("flashsale_orders_rejected_total")
                && !l.endsWith(" 0.0")), "the rejection is counted");
    }

    @Test
    void aUnitOfferedAgainAfterRedisForgotItsSaleIsRefusedByTheDatabase() throws Exception {
        Api api = SharedPipeline.tools();
        String saleId = client.createSale("total", 1, 1);
        PipelineClient.Outcome first = client.order(saleId, "first-buyer", 1);
        assertEquals(202, first.status());
        await("the first order is persisted").atMost(Duration.ofSeconds(30))
                .until(() -> api.get(pipeline.orders().url() + "/api/orders/" + first.orderId()).status() == 200);

        // Redis forgets the sale's last decrement (a failover to a replica that had not received it), so it
        // offers the sold unit again. A reconciliation run (every second here) that comes between the two
        // finds the loss first and rebuilds the sale; then the loss is caused again, on the rebuilt sale.
        String stock = RedisKeys.stock(saleId);
        String meta = RedisKeys.meta(saleId);
        int port = pipeline.stack().redisFor(stock).port();
        PipelineClient.Outcome again = null;
        String secondBuyer = null;
        for (int attempt = 0; attempt < 3 && again == null; attempt++) {
            await("the sale is sold out and active").atMost(RECOVERY).until(() ->
                    "0".equals(String.valueOf(RespConnection.once(port, "GET", stock)))
                            && "ACTIVE".equals(String.valueOf(RespConnection.once(port, "HGET", meta, "state"))));
            assertEquals(1L, RespConnection.once(port, "INCRBY", stock, "1"));
            secondBuyer = "second-buyer-" + attempt;
            PipelineClient.Outcome offered = client.order(saleId, secondBuyer, 1);
            if (offered.status() == 202) {
                again = offered;
            }
        }
        assertNotNull(again, "Redis never offered the forgotten unit: reconciliation found it first three times");
        String buyer = secondBuyer;
        String secondOrder = again.orderId();

        await("the database refuses the unit sold twice").atMost(Duration.ofSeconds(30)).until(() -> "REJECTED".equals(
                SharedPipeline.buyer(buyer).get(pipeline.gateway().url() + "/api/orders/" + secondOrder)
                        .json().path("status").asText()));
        JsonNode view = SharedPipeline.buyer(buyer).get(pipeline.gateway().url() + "/api/orders/" + secondOrder)
                .json();
        assertEquals("sale-total", view.path("reason").asText(), view::toString);
        // Reconciliation finds the negative drift and rebuilds the sale from the database: sold out, drift 0.
        await("the sale is rebuilt sold out").atMost(RECOVERY).ignoreExceptions().until(() -> {
            JsonNode run = client.reconcile(saleId);
            return run.path("drift").asLong(-1) == 0 && run.path("persisted").asLong() == 1
                    && run.path("redisAvailable").asLong(-1) == 0 && run.path("pending").asLong(-1) == 0;
        });
        assertEquals(409, client.order(saleId, "third-buyer", 1).status());
        assertEquals(1, client.persistedOrders(saleId).size(), "one unit, one order in the database");
    }

}
