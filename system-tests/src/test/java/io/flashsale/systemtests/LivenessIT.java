package io.flashsale.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.stack.Server;
import io.flashsale.tools.Api;
import io.flashsale.stack.RespConnection;
import io.flashsale.tools.pipeline.Pipeline;
import io.flashsale.tools.pipeline.ServiceServer;

/**
 * Liveness never depends on a dependency: while Kafka, Redis or PostgreSQL is down and each service
 * has met the outage (an order refused, a reconciliation failed, a re-publish refused), every
 * service still answers /q/health/live with 200, so Kubernetes does not restart healthy processes;
 * only readiness says what is missing.
 */
class LivenessIT {

    private static final Duration STAYS_UP = Duration.ofSeconds(5);
    private static final Api API = SharedPipeline.tools();

    private static Pipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = SharedPipeline.get();
    }

    @Test
    void kafkaDownAndARepublishRefused() throws Exception {
        String saleId = createSale();
        // One re-publish while Kafka is up: the producer knows the topic, so the next one fails on delivery.
        String first = strand(saleId, "live-1");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> API.get(pipeline.orders().url() + "/api/orders/" + first).status() == 200);

        outage(pipeline.stack().kafka(), () -> {
            strand(saleId, "live-2");
            assertEquals(503, order(saleId, "live-3"));
            // The connector refuses (nacks) the record after the delivery timeout (10 s), or after the 60 s
            // metadata wait when the producer lost the topic's metadata; a run waits at most 30 s for the ack,
            // so by the second failed run the refusal has happened either way.
            await("two runs failed to re-publish").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> failedRuns(saleId) >= 2);
        });
    }

    @Test
    void postgresqlDownAndARunFailed() throws Exception {
        String saleId = createSale();
        outage(pipeline.stack().postgres(), () -> {
            assertEquals(202, order(saleId, "live-pg"));
            Api.Answer run = API.post(pipeline.inventory().url() + "/api/reconciliation/run?saleId=" + saleId, null);
            assertTrue(run.status() >= 500, run::toString);
        });
    }

    @Test
    void redisDownAndOrdersRefused() throws Exception {
        String saleId = createSale();
        // Kept across the stop, so that the restart does not also lose every sale.
        assertEquals("OK", RespConnection.once(pipeline.stack().redis().port(), "SAVE"));
        outage(pipeline.stack().redis(), () -> {
            assertEquals(503, order(saleId, "live-redis"));
            Api.Answer run = API.post(pipeline.inventory().url() + "/api/reconciliation/run?saleId=" + saleId, null);
            assertEquals("FAILED", run.json().get(0).get("action").asText(), run::toString);
        });
    }

    /** Stops the server, lets the services meet the outage, checks liveness, and restores everything. */
    private static void outage(Server server, Step meetTheOutage) throws Exception {
        server.stop();
        try {
            meetTheOutage.run();
            await("every service stays live").during(STAYS_UP).atMost(STAYS_UP.plusSeconds(10))
                    .pollInterval(Duration.ofMillis(500)).until(LivenessIT::allLive);
        } finally {
            server.start();
        }
        await("every service is ready again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> pipeline.gateway().healthy() && pipeline.orders().healthy() && pipeline.inventory().healthy());
    }

    private static boolean allLive() throws IOException, InterruptedException {
        for (ServiceServer service : List.of(pipeline.gateway(), pipeline.orders(), pipeline.inventory())) {
            Api.Answer live = new Api().get(service.managementUrl() + "/q/health/live");
            assertEquals(200, live.status(), () -> service.name() + " is not live: " + live.body());
        }
        return true;
    }

    private static String createSale() throws Exception {
        String id = "live-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> sale = new LinkedHashMap<>();
        sale.put("id", id);
        sale.put("name", "liveness " + id);
        sale.put("totalStock", 10);
        sale.put("perUserLimit", 1);
        sale.put("startsAt", Instant.now().minusSeconds(5).toString());
        sale.put("endsAt", Instant.now().plus(Duration.ofHours(1)).toString());
        Api.Answer answer = API.post(pipeline.inventory().url() + "/api/admin/sales", sale);
        assertEquals(201, answer.status(), answer.body());
        return id;
    }

    /** A reservation old enough to be re-published at the next run; returns its order id. */
    private static String strand(String saleId, String userId) throws IOException {
        String orderId = UUID.randomUUID().toString();
        long acceptedAt = Instant.now().minus(Duration.ofMinutes(1)).toEpochMilli();
        assertTrue(StrandedReservation.leave(pipeline.stack(), saleId, orderId, userId, acceptedAt)
                instanceof Long seq && seq > 0);
        return orderId;
    }

    private static int order(String saleId, String userId) throws IOException, InterruptedException {
        return SharedPipeline.buyer(userId).post(pipeline.gateway().url() + "/api/sales/" + saleId + "/orders",
                "{\"quantity\":1}").status();
    }

    private static long failedRuns(String saleId) throws IOException, InterruptedException {
        long failed = 0;
        for (JsonNode run : API.get(pipeline.inventory().url() + "/api/reconciliation/" + saleId).json()) {
            String action = run.path("action").asText();
            if (action.equals("FAILED") || action.contains("REPUBLISH_FAILED")) {
                failed++;
            }
        }
        return failed;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
