package io.flashsale.gateway.sale;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.Topics;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.json.JsonObject;

/**
 * A sale Redis has lost (a failover, a FLUSHALL, a restart without persistence) is told apart from one that
 * never existed by the sales' directory, the compacted topic inventory-service writes each sale to: 503
 * sale-recovering with Retry-After for the first, before reconciliation has paused it; 404 only for the second.
 * Either way nothing is written to Redis and nothing published.
 */
@QuarkusTest
class ForgottenSaleTest extends GatewayTestBase {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void aSaleRedisHasLostIsRecoveringNeverNotFound() throws Exception {
        String saleId = TestSales.open(redis, 10, 1);
        assertEquals(202, Http.send(order(saleId, "before-the-loss", 1, null)).statusCode());
        announce(saleId, Topics.saleRecord(saleId));
        forget(saleId);
        long published = publishedInAll();

        HttpResponse<String> answer = await("the gateway has read the sale's record").atMost(BOUND)
                .until(() -> Http.send(order(saleId, "during-the-loss", 1, null)), r -> r.statusCode() != 404);

        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals("urn:flashsale:problem:sale-recovering", new JsonObject(answer.body()).getString("type"));
        assertTrue(answer.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        given().when().get("/api/sales/" + saleId)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("2"))
                .body("type", equalTo("urn:flashsale:problem:sale-recovering"));
        assertEquals(Set.of(), Set.copyOf(redis.key().keys("fs:{" + saleId + "}:*")), "nothing written to Redis");
        assertEquals(published, publishedInAll(), "nothing published");
    }

    @Test
    void aSaleThatNeverExistedIsNotFound() throws Exception {
        String saleId = TestSales.newId();

        HttpResponse<String> answer = Http.send(order(saleId, "anyone", 1, null));

        assertEquals(404, answer.statusCode(), answer.body());
        assertEquals("urn:flashsale:problem:sale-not-found", new JsonObject(answer.body()).getString("type"));
        given().when().get("/api/sales/" + saleId)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:sale-not-found"));
        assertEquals(Set.of(), Set.copyOf(redis.key().keys("fs:{" + saleId + "}:*")), "nothing written to Redis");
    }

    @Test
    void aSaleRemovedFromTheDirectoryIsNotFoundAgain() throws Exception {
        String saleId = TestSales.newId();
        announce(saleId, Topics.saleRecord(saleId));
        await("the gateway has read the sale's record").atMost(BOUND)
                .until(() -> Http.send(order(saleId, "someone", 1, null)).statusCode() == 503);

        announce(saleId, null);

        await("the gateway has read the tombstone").atMost(BOUND)
                .until(() -> Http.send(order(saleId, "someone", 1, null)).statusCode() == 404);
    }

    @Test
    void theGatewayIsReadyOnceTheDirectoryIsRead() {
        await().atMost(BOUND).untilAsserted(() -> given().when().get(management("/q/health/ready"))
                .then().statusCode(200)
                .body("checks.name", hasItem("sales-directory")));
    }

    /** What inventory-service writes when a sale is created: its record, keyed by sale id (null: a tombstone). */
    private void announce(String saleId, String value) {
        try (KafkaCompanion companion = new KafkaCompanion(kafka)) {
            companion.produceStrings().fromRecords(List.of(new ProducerRecord<>(Topics.SALES, saleId, value)))
                    .awaitCompletion(BOUND);
        }
    }

    /** Every key of the sale gone, as after a FLUSHALL. */
    private void forget(String saleId) {
        List<String> keys = redis.key().keys("fs:{" + saleId + "}:*");
        redis.key().del(keys.toArray(String[]::new));
    }
}
