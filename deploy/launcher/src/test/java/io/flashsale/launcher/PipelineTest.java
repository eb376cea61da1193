package io.flashsale.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;


/**
 * The whole pipeline, end to end: the three packaged services on a real Kafka, Redis and
 * PostgreSQL, driven only through their public APIs (and Redis, where a test plays a crashed gateway).
 */
class PipelineTest {

    private static Pipeline pipeline;
    private static final Api API = new Api();

    @BeforeAll
    static void start() {
        pipeline = SharedPipeline.get();
    }

    @Test
    void thousandUsersRaceForFiftyUnits() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SimulationReport report = new Simulation(endpoints(),
                new Simulation.Settings(1000, 200, 50, 1, 1, 1, Duration.ofSeconds(120)),
                new PrintStream(progress)).run();

        assertEquals(50, report.outcome("accepted"), report::toString);
        assertEquals(950, report.outcome("sold-out"), report::toString);
        assertEquals(50, report.invariants().persistedOrders());
        assertEquals(50, report.invariants().persistedUnits());
        assertEquals(1, report.invariants().maxUnitsPerUser());
        assertEquals(0, report.invariants().drift());
        assertEquals(0, report.invariants().available());
        assertTrue(report.ok(), () -> String.join("; ", report.violations()));
    }

    @Test
    void anAcceptedOrderIsConfirmedOncePersisted() throws Exception {
        String saleId = createSale(10, 1);
        Api.Answer placed = API.post(pipeline.gateway().url() + "/api/sales/" + saleId + "/orders",
                "{\"userId\":\"alice\",\"quantity\":1}");
        assertEquals(202, placed.status(), placed.body());
        String orderId = placed.json().get("orderId").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(
                API.get(pipeline.gateway().url() + "/api/orders/" + orderId).json().path("status").asText()));
        JsonNode order = API.get(pipeline.orders().url() + "/api/orders/" + orderId).json();
        assertEquals("alice", order.get("userId").asText());
        assertEquals(saleId, order.get("saleId").asText());
    }

    @Test
    void aReservationThatWasNeverPublishedIsRepublishedAndPersisted() throws Exception {
        String saleId = createSale(10, 1);
        String orderId = UUID.randomUUID().toString();
        long acceptedAt = Instant.now().minus(Duration.ofMinutes(1)).toEpochMilli();
        assertEquals(1L, StrandedReservation.leave(pipeline.stack().redis().port(), saleId, orderId, "stranded-user",
                acceptedAt));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> API.get(pipeline.orders().url() + "/api/orders/" + orderId).status() == 200);
        JsonNode run = reconcile(saleId);
        assertEquals(0, run.get("drift").asLong(), run::toString);
        assertEquals(0, run.get("pending").asLong(), run::toString);
        assertEquals(1, run.get("persisted").asLong(), run::toString);
        assertEquals(9, run.get("redisAvailable").asLong(), run::toString);
    }

    private static PipelineClient.Endpoints endpoints() {
        return new PipelineClient.Endpoints(pipeline.gateway().url(), pipeline.orders().url(), pipeline.inventory().url());
    }

    private static String createSale(int stock, int limit) throws Exception {
        String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> sale = new LinkedHashMap<>();
        sale.put("id", id);
        sale.put("name", "end-to-end " + id);
        sale.put("totalStock", stock);
        sale.put("perUserLimit", limit);
        sale.put("startsAt", Instant.now().minusSeconds(5).toString());
        sale.put("endsAt", Instant.now().plus(Duration.ofHours(1)).toString());
        Api.Answer answer = API.post(pipeline.inventory().url() + "/api/admin/sales", sale);
        assertEquals(201, answer.status(), answer.body());
        return id;
    }

    private static JsonNode reconcile(String saleId) throws Exception {
        Api.Answer answer = API.post(pipeline.inventory().url() + "/api/reconciliation/run?saleId=" + saleId, null);
        assertEquals(200, answer.status(), answer.body());
        for (JsonNode run : answer.json()) {
            if (saleId.equals(run.get("saleId").asText())) {
                return run;
            }
        }
        throw new AssertionError("no run for " + saleId + " in " + answer.body());
    }
}
