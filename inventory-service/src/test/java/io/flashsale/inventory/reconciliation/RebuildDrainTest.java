package io.flashsale.inventory.reconciliation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.inventory.reconciliation.messaging.PipelineDrain;
import io.flashsale.inventory.redis.ReconciliationRedis;
import io.flashsale.inventory.sale.service.SaleService;
import io.flashsale.contract.Topics;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.testsupport.InjectStack;
import io.flashsale.inventory.support.AsOperator;
import io.flashsale.testsupport.Management;
import io.flashsale.testsupport.TopicRecords;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A rebuild waits for order-service's consumer group: here it stands committed behind the topic's end. */
@QuarkusTest
class RebuildDrainTest extends AsOperator {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private static final String GROUP = "order-service";
    private static final TopicPartition FIRST = new TopicPartition(Topics.ORDERS_ACCEPTED, 0);

    @InjectStack
    EmbeddedStack stack;

    @Inject
    RedisDataSource redis;

    @Inject
    PipelineDrain drain;

    @Inject
    ReconciliationRedis reconciliationRedis;

    @Inject
    SaleService sales;

    private KafkaCompanion kafka;

    @BeforeEach
    void orderServiceLagsBehind() throws Exception {
        kafka = new KafkaCompanion(stack.kafka().bootstrapServers());
        produce(1);
        commit(Map.of(FIRST, new OffsetAndMetadata(0)));
    }

    @AfterEach
    void forgetTheGroup() throws Exception {
        kafka.consumerGroups().delete(GROUP);
        kafka.close();
    }

    @Test
    void aRebuildWaitsWhileOrderServiceLags() {
        String sale = SaleApi.create(10, 1);
        redis.key().del(RedisKeys.all(sale));

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals("REBUILD_WAITING", run.get("action"));
        assertThat((String) run.get("detail"), containsString("consumer group " + GROUP));
        assertEquals("RECOVERING", redis.hash(String.class).hget(RedisKeys.meta(sale), RedisKeys.META_STATE));
        assertNull(redis.value(String.class).get(RedisKeys.stock(sale)));
    }

    @Test
    void aRebuildFinishesOnceOrderServiceCaughtUp() throws Exception {
        String sale = SaleApi.create(10, 1);
        redis.key().del(RedisKeys.all(sale));
        assertEquals("REBUILD_WAITING", ReconciliationApi.run(sale).get("action"));

        commitEverything();
        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals("REBUILT", run.get("action"));
        assertEquals("10", redis.value(String.class).get(RedisKeys.stock(sale)));
        assertEquals("ACTIVE", redis.hash(String.class).hget(RedisKeys.meta(sale), RedisKeys.META_STATE));
    }

    @Test
    void aSalePausedForARebuildIsReportedRecoveringUntilItIsRebuilt() throws Exception {
        String sale = SaleApi.create(10, 1);
        redis.key().del(RedisKeys.all(sale));
        assertEquals("REBUILD_WAITING", ReconciliationApi.run(sale).get("action"));
        given().get(Management.url(management, "/q/metrics")).then()
                .body(containsString("flashsale_inventory_recovering{sale=\"" + sale + "\"} 1.0"));

        commitEverything();
        assertEquals("REBUILT", ReconciliationApi.run(sale).get("action"));
        given().get(Management.url(management, "/q/metrics")).then()
                .body(containsString("flashsale_inventory_recovering{sale=\"" + sale + "\"} 0.0"),
                        containsString("flashsale_inventory_drift{sale=\"" + sale + "\"} 0.0"),
                        containsString("flashsale_inventory_available{sale=\"" + sale + "\"} 10.0"));
    }

    @Test
    void aStalePauseIsNotReusedAfterAHealthyRun() throws Exception {
        String sale = SaleApi.create(10, 1);
        redis.key().del(RedisKeys.all(sale));
        // This replica pauses the sale and leaves it waiting (order-service lags)...
        assertEquals("REBUILD_WAITING", ReconciliationApi.run(sale).get("action"));
        // ...and another replica finishes the rebuild.
        commitEverything();
        reconciliationRedis.restoreCounters(sale, 10, 0, Map.of(), Map.of());
        sales.restoreRedisState(sale);
        assertEquals("OK", ReconciliationApi.run(sale).get("action"));

        // Data lost again, long after the first pause: the new rebuild waits its own publish-settle (1 s).
        redis.key().del(RedisKeys.all(sale));
        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals("REBUILT", run.get("action"));
        assertTrue(((Number) run.get("durationMs")).longValue() >= 1000,
                "the rebuild restored without waiting publish-settle from a new pause: " + run);
        assertThat((String) run.get("detail"), containsString("reason=KEYS_MISSING"));
    }

    @Test
    void theDrainIsMeasuredAgainstATargetThatLaterTrafficDoesNotMove() throws Exception {
        produce(3);
        Map<TopicPartition, Long> target = drain.target();
        assertTrue(drain.lag(target) > 0);

        // order-service catches up to the target while other sales keep publishing.
        commit(target.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))));
        produce(5);

        assertEquals(0, drain.lag(target));
        assertTrue(drain.lag(drain.target()) > 0, "the newer records are not consumed: latest moved on");
    }

    private void produce(int records) {
        kafka.produceStrings().fromRecords(IntStream.range(0, records)
                .mapToObj(i -> new ProducerRecord<>(Topics.ORDERS_ACCEPTED, 0, "lag", "{}")).toList())
                .awaitCompletion(TopicRecords.BOUND);
    }

    private void commitEverything() {
        commit(TopicRecords.endOffsets(kafka, Topics.ORDERS_ACCEPTED).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))));
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        kafka.consumerGroups().alterOffsets(GROUP, offsets);
    }
}
