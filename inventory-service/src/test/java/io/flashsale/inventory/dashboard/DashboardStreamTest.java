package io.flashsale.inventory.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.contract.RedisKeys;
import io.flashsale.inventory.dashboard.service.DashboardFeed;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.SseClient;
import io.flashsale.inventory.support.TestGateway.Reserved;
import io.flashsale.inventory.support.WithReservations;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The dashboard's event stream, read with a plain HTTP client. */
@QuarkusTest
class DashboardStreamTest extends WithReservations {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/dashboard/stream")
    URI stream;

    @Inject
    DashboardFeed feed;

    @Test
    void eachEventHoldsEverySaleWithItsLiveFigures() {
        String sale = SaleApi.create(10, 5);

        try (SseClient events = SseClient.open(stream, operator)) {
            assertEquals(200, events.response().statusCode());
            assertTrue(events.response().headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
            JsonNode event = events.next(has(sale), WAIT);

            assertEquals(1000, event.get("intervalMs").asLong());
            assertEquals(600_000, event.get("historyMs").asLong());
            JsonNode card = card(event, sale).orElseThrow();
            assertEquals(Map.of("total", 10, "perUserLimit", 5, "available", 10, "pending", 0, "persisted", 0,
                    "rejected", 0, "drift", 0), numbers(card, "total", "perUserLimit", "available", "pending",
                    "persisted", "rejected", "drift"));
            assertEquals("ACTIVE", card.get("state").asText());
            assertEquals("ACTIVE", card.get("redisState").asText());
            assertTrue(card.get("live").asBoolean());
            assertTrue(card.get("error").isNull());
        }
    }

    @Test
    void figuresFollowReservationsAndPersistedOrders() {
        String sale = SaleApi.create(10, 5);

        try (SseClient events = SseClient.open(stream, operator)) {
            events.next(figures(sale, Map.of("available", 10, "pending", 0)), WAIT);

            Reserved order = gateway.reserve(sale, "alice", 3);
            events.next(figures(sale, Map.of("available", 7, "pending", 3, "persisted", 0, "drift", 0)), WAIT);

            orders.persist(order.event());
            events.next(figures(sale, Map.of("available", 7, "pending", 0, "persisted", 3, "drift", 0)), WAIT);

            // A unit gone from stock without any reservation: the drift shows at the next sample.
            redis.value(Long.class).decrby(RedisKeys.stock(sale), 1);
            events.next(figures(sale, Map.of("available", 6, "drift", 1)), WAIT);
        }
    }

    @Test
    void aSaleShowsItsNewestRunAndWhatItDid() {
        String sale = SaleApi.create(10, 5);
        orders.persist(gateway.reserve(sale, "alice", 2).event());
        int runId = (Integer) ReconciliationApi.run(sale).get("id");

        try (SseClient events = SseClient.open(stream, operator)) {
            JsonNode run = card(events.next(has(sale), WAIT), sale).orElseThrow().get("lastRun");

            assertEquals(runId, run.get("id").asInt());
            assertEquals("PRUNED", run.get("action").asText());
            assertEquals(Map.of("pruned", 1, "returned", 0, "republished", 0, "persisted", 2, "drift", 0),
                    numbers(run, "pruned", "returned", "republished", "persisted", "drift"));
        }
    }

    @Test
    void aNewSubscriberGetsEachSalesHistoryFirst() {
        String sale = SaleApi.create(10, 5);
        try (SseClient first = SseClient.open(stream, operator)) {
            first.next(figures(sale, Map.of("pending", 0)), WAIT);
            gateway.reserve(sale, "alice", 3);
            first.next(figures(sale, Map.of("pending", 3)), WAIT);

            try (SseClient second = SseClient.open(stream, operator)) {
                JsonNode history = card(second.next(WAIT), sale).orElseThrow().get("history");
                JsonNode following = card(second.next(WAIT), sale).orElseThrow();

                List<Long> times = new ArrayList<>();
                history.forEach(point -> times.add(point.get("atMs").asLong()));
                assertTrue(times.size() >= 2, "history " + history);
                assertEquals(times.stream().sorted().distinct().toList(), times, "oldest first, once each");
                assertTrue(contains(history, p -> p.get("pending").asInt() == 0 && p.get("available").asInt() == 10)
                        && contains(history, p -> p.get("pending").asInt() == 3 && p.get("available").asInt() == 7),
                        "history " + history);
                assertFalse(following.has("history"), "only the first event carries the history");
            }
        }
    }

    @Test
    void everySubscriberGetsTheSameSamplesOncePerInterval() {
        SaleApi.create(10, 5);
        try (SseClient a = SseClient.open(stream, operator); SseClient b = SseClient.open(stream, operator)) {
            List<Long> seenByA = new ArrayList<>();
            Set<Long> seenByB = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                seenByA.add(at(a.next(WAIT)));
                seenByB.add(at(b.next(WAIT)));
            }

            assertTrue(seenByA.stream().anyMatch(seenByB::contains), "one sampler for both: " + seenByA + " " + seenByB);
            for (int i = 1; i < seenByA.size(); i++) {
                long gap = seenByA.get(i) - seenByA.get(i - 1);
                assertTrue(gap >= 500, "samples " + seenByA + " closer than the interval allows");
            }
        }
    }

    @Test
    void samplingStopsWhenTheLastSubscriberLeaves() {
        try (SseClient events = SseClient.open(stream, operator)) {
            events.next(WAIT);
            assertTrue(feed.watched());
        }

        await().atMost(WAIT).until(() -> !feed.watched());
    }

    @Test
    void aSaleWithoutCountersInRedisSaysSo() {
        String sale = SaleApi.create(10, 5);
        redis.key().del(RedisKeys.stock(sale));
        try (SseClient events = SseClient.open(stream, operator)) {
            JsonNode card = card(events.next(has(sale), WAIT), sale).orElseThrow();

            assertFalse(card.get("live").asBoolean());
            assertTrue(card.get("available").isNull());
            assertTrue(card.get("error").asText().contains("no counters"), card.toString());
        } finally {
            // Put it back, so that no other test's run over every sale has it to rebuild.
            redis.value(Long.class).set(RedisKeys.stock(sale), 10L);
        }
    }

    private static Predicate<JsonNode> has(String sale) {
        return event -> card(event, sale).isPresent();
    }

    private static Predicate<JsonNode> figures(String sale, Map<String, Integer> expected) {
        return event -> card(event, sale).filter(c -> expected.entrySet().stream()
                .allMatch(e -> c.get(e.getKey()).isNumber() && c.get(e.getKey()).asInt() == e.getValue())).isPresent();
    }

    private static Optional<JsonNode> card(JsonNode event, String sale) {
        for (JsonNode card : event.get("sales")) {
            if (sale.equals(card.get("id").asText())) {
                return Optional.of(card);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Integer> numbers(JsonNode node, String... names) {
        Map<String, Integer> values = new HashMap<>();
        for (String name : names) {
            values.put(name, node.get(name).asInt());
        }
        return values;
    }

    private static boolean contains(JsonNode array, Predicate<JsonNode> test) {
        for (JsonNode item : array) {
            if (test.test(item)) {
                return true;
            }
        }
        return false;
    }

    private static long at(JsonNode event) {
        return Instant.parse(event.get("at").asText()).toEpochMilli();
    }
}
