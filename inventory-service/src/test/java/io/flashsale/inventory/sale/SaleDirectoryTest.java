package io.flashsale.inventory.sale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.Topics;
import io.flashsale.inventory.sale.messaging.SaleDirectory;
import io.flashsale.inventory.support.AsOperator;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.testsupport.InjectStack;
import io.flashsale.testsupport.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Every sale is in the sales' directory (flashsale.sales, compacted, keyed by sale id), which the gateways
 * read to tell a sale Redis has lost from one that never existed.
 */
@QuarkusTest
class SaleDirectoryTest extends AsOperator {

    @InjectStack
    EmbeddedStack stack;

    @Inject
    SaleDirectory directory;

    @Test
    void aCreatedSaleIsInTheDirectoryWhenItsCreationIsAnswered() {
        String saleId = SaleApi.create(10, 1);

        // Published and acknowledged before the 201: no wait. (The sweep may have published it too, in between.)
        List<ConsumerRecord<String, String>> records = records(saleId);
        assertFalse(records.isEmpty(), "no record of " + saleId);
        records.forEach(r -> assertEquals(Topics.saleRecord(saleId), r.value()));
    }

    @Test
    void theSweepPublishesOnlyWhatTheDirectoryHasNotAcknowledged() {
        String created = SaleApi.create(10, 1);
        String missing = "never-announced-" + System.nanoTime();

        assertEquals(1, directory.publishMissing(List.of(created, missing)), "only the one not yet acknowledged");

        await().atMost(Duration.ofSeconds(30)).until(() -> records(missing).size() == 1);
        assertEquals(0, directory.publishMissing(List.of(created, missing)), "both acknowledged now");
    }

    private List<ConsumerRecord<String, String>> records(String saleId) {
        try (KafkaCompanion kafka = new KafkaCompanion(stack.kafka().bootstrapServers())) {
            return TopicRecords.upToEnd(kafka, Topics.SALES).stream().filter(r -> saleId.equals(r.key())).toList();
        }
    }
}
