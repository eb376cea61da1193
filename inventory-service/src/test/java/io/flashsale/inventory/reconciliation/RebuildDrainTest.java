package io.flashsale.inventory.reconciliation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.inventory.reconciliation.service.PipelineDrain;
import io.flashsale.inventory.redis.ReconciliationRedis;
import io.flashsale.inventory.sale.service.SaleService;
import io.flashsale.contract.Topics;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.stack.InjectStack;
import io.flashsale.inventory.support.AsOperator;
import io.flashsale.stack.StackTestResource;
import io.flashsale.stack.testing.Management;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A rebuild waits for order-service's consumer group: here it stands committed behind the topic's end. */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
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

    private Admin admin;

    @BeforeEach
    void orderServiceLagsBehind() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        produce(1);
        commit(Map.of(FIRST, new OffsetAndMetadata(0)));
    }

    @AfterEach
    void forgetTheGroup() throws Exception {
        admin.deleteConsumerGroups(List.of(GROUP)).all().get(30, TimeUnit.SECONDS);
        admin.close();
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

    private void produce(int records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(Topics.ORDERS_ACCEPTED, 0, "lag", "{}")).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void commitEverything() throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.ORDERS_ACCEPTED)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(Topics.ORDERS_ACCEPTED).partitions().stream()
                .map(p -> new TopicPartition(Topics.ORDERS_ACCEPTED, p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> ends = admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
        commit(ends);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) throws Exception {
        admin.alterConsumerGroupOffsets(GROUP, offsets).all().get(30, TimeUnit.SECONDS);
    }
}
