package io.flashsale.order.messaging;

import static io.flashsale.order.support.Orders.newSaleId;
import static io.flashsale.order.support.Orders.order;
import static io.flashsale.order.support.Orders.record;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.flashsale.contract.Topics;
import io.flashsale.order.support.WithKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.flashsale.testsupport.TopicRecords;

@QuarkusTest
class DeadLetterTest extends WithKafka {

    private static final String ORDER_ID = "0b7b2f4e-8f0e-4d6e-9a43-5b1f3c2d1e00";

    static Stream<Arguments> undecodable() {
        return Stream.of(
                Arguments.of("not JSON", "{\"orderId\":", "not JSON"),
                Arguments.of("a tombstone", null, "empty record value"),
                Arguments.of("another schema version", "{\"schemaVersion\":2,\"orderId\":\"" + ORDER_ID + "\"}",
                        "unsupported schemaVersion 2"),
                Arguments.of("a negative quantity", "{\"schemaVersion\":1,\"orderId\":\"" + ORDER_ID
                        + "\",\"saleId\":\"s\",\"userId\":\"u\",\"quantity\":-1,\"seq\":1,\"acceptedAt\":1}",
                        "quantity must be at least 1"),
                Arguments.of("an idempotency key PostgreSQL cannot store", "{\"schemaVersion\":1,\"orderId\":\""
                        + ORDER_ID + "\",\"saleId\":\"s\",\"userId\":\"u\",\"quantity\":1,\"seq\":1,\"acceptedAt\":1,"
                        + "\"idempotencyKey\":\"a\\u0000b\"}", "idempotencyKey is not a valid idempotency key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undecodable")
    void anUndecodableRecordIsDeadLetteredAndTheNextOneOnItsPartitionPersisted(String what, String value,
            String reason) {
        String key = "u-" + UUID.randomUUID();
        String sale = newSaleId("dlq");
        RecordMetadata bad = kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.ORDERS_ACCEPTED, key, value))
                .awaitCompletion().getRecords().get(0);
        kafka.produceStrings().fromRecords(record(order(sale, key, 1))).awaitCompletion();

        ConsumerRecord<String, String> letter = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicRecords.upToEnd(kafka, Topics.ORDERS_DLQ).stream().filter(r -> key.equals(r.key())).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertEquals(value, letter.value());
        assertTrue(header(letter, Topics.DLQ_REASON_HEADER).startsWith(reason), header(letter, Topics.DLQ_REASON_HEADER));
        assertEquals(bad.topic() + "-" + bad.partition() + "@" + bad.offset(), header(letter, Topics.DLQ_SOURCE_HEADER));
        await().atMost(Duration.ofSeconds(30)).until(() -> table.countBySale(sale) == 1);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = Objects.requireNonNull(record.headers().lastHeader(name), name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
