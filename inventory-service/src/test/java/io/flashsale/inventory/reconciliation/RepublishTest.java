package io.flashsale.inventory.reconciliation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.contract.Topics;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.TestGateway;
import io.flashsale.inventory.support.TestGateway.Reserved;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.testsupport.InjectStack;
import io.flashsale.inventory.support.AsOperator;
import io.flashsale.testsupport.TopicRecords;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
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
        Reserved stranded = gateway.backdate(gateway.reserve(sale, "dave", 1), 60_000);

        Map<String, Object> run = ReconciliationApi.run(sale);
        assertEquals(1, run.get("republished"));

        try (KafkaCompanion kafka = new KafkaCompanion(stack.kafka().bootstrapServers())) {
            ConsumerRecord<String, String> republished = await().atMost(Duration.ofSeconds(30))
                    .until(() -> find(TopicRecords.upToEnd(kafka, Topics.ORDERS_ACCEPTED), stranded.json()),
                            Optional::isPresent)
                    .orElseThrow();
            assertEquals("dave", republished.key());
        }
    }

    @Test
    void aRepublishedReservationStaysPendingUntilPersisted() {
        String sale = SaleApi.create(10, 1);
        Reserved stranded = gateway.backdate(gateway.reserve(sale, "erin", 1), 60_000);

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals("REPUBLISHED", run.get("action"));
        assertEquals(1, run.get("pending"));
        assertEquals(stranded.json(),
                redis.hash(String.class).hget(RedisKeys.reservations(sale), stranded.event().orderId()));
    }

    @Test
    void aYoungReservationIsLeftToTheGateway() {
        String sale = SaleApi.create(10, 1);
        gateway.reserve(sale, "frank", 1);

        Map<String, Object> run = ReconciliationApi.run(sale);

        assertEquals(0, run.get("republished"));
        assertEquals(1, run.get("pending"));
    }

    private static Optional<ConsumerRecord<String, String>> find(List<ConsumerRecord<String, String>> records,
            String value) {
        return records.stream().filter(r -> value.equals(r.value())).findFirst();
    }
}
