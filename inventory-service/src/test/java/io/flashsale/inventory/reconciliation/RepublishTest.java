package io.flashsale.inventory.reconciliation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.contract.Topics;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.TestGateway;
import io.flashsale.inventory.support.TestGateway.Reserved;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.stack.InjectStack;
import io.flashsale.inventory.support.AsOperator;
import io.flashsale.stack.StackTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class RepublishTest extends AsOperator {


    @InjectStack
    EmbeddedStack stack;

    @Inject
    TestGateway gateway;

    @Inject
    RedisDataSource redis;

    @Test
    void aStrandedReservationIsPublishedAgainUnchangedKeyedByUser() {
        String sale = SaleApi.create(10, 1);
        Reserved stranded = gateway.reserve(sale, "dave", 1, gateway.redisTimeMs() - 60_000);

        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.ORDERS_ACCEPTED));
            Map<String, Object> run = ReconciliationApi.run(sale);
            assertEquals(1, run.get("republished"));

            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return find(seen, stranded.json()).isPresent();
            });
            assertEquals("dave", find(seen, stranded.json()).orElseThrow().key());
        }
    }

    @Test
    void aRepublishedReservationStaysPendingUntilPersisted() {
        String sale = SaleApi.create(10, 1);
        Reserved stranded = gateway.reserve(sale, "erin", 1, gateway.redisTimeMs() - 60_000);

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals("REPUBLISHED", run.get("action"));
        assertEquals(1, run.get("pending"));
        assertEquals(stranded.json(),
                redis.hash(String.class).hget(RedisKeys.reservations(sale), stranded.event().orderId()));
    }

    @Test
    void aYoungReservationIsLeftToTheGateway() {
        String sale = SaleApi.create(10, 1);
        gateway.reserve(sale, "frank", 1, gateway.redisTimeMs());

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals(0, run.get("republished"));
        assertEquals(1, run.get("pending"));
    }

    private static Optional<ConsumerRecord<String, String>> find(List<ConsumerRecord<String, String>> records,
            String value) {
        return records.stream().filter(r -> value.equals(r.value())).findFirst();
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "republish-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
