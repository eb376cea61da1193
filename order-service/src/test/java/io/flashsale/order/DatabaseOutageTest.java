package io.flashsale.order;

import static io.flashsale.order.support.Orders.newSaleId;
import static io.flashsale.order.support.Orders.order;
import static io.flashsale.order.support.Orders.record;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.Roles;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.order.support.WithKafka;
import io.flashsale.stack.EmbeddedStack;
import io.flashsale.testsupport.InjectStack;
import io.flashsale.testsupport.InjectIssuer;
import io.flashsale.testsupport.Management;
import io.flashsale.testsupport.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.flashsale.testsupport.TopicRecords;
import io.flashsale.contract.Topics;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/** docs/design.md §7.1, "PostgreSQL down": consumption pauses and resumes, readiness goes down, nothing is skipped. */
@QuarkusTest
class DatabaseOutageTest extends WithKafka {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @InjectIssuer
    TestIssuer issuer;

    private static final String GROUP = "order-service";

    @InjectStack
    EmbeddedStack stack;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void restoreTheDatabase() {
        stack.postgres().start();
    }

    @Test
    void ordersConsumedWhileTheDatabaseIsDownArePersistedWhenItIsBack() {
        String sale = newSaleId("outage");
        List<ProducerRecord<String, String>> records = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> record(order(sale, "u-" + i, i)))
                .toList();
        double failedAttempts = persistRetries();

        stack.postgres().stop();
        kafka.produceStrings().fromRecords(records).awaitCompletion();
        // The consumer holds the batch over several attempts: it neither skips it nor dead-letters it.
        await().atMost(Duration.ofSeconds(30)).until(() -> persistRetries() >= failedAttempts + 3);
        stack.postgres().start();

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> table.countBySale(sale) == 50);
        assertEquals(List.of(), TopicRecords.upToEnd(kafka, Topics.ORDERS_DLQ).stream()
                .filter(r -> r.value() != null && r.value().contains(sale)).toList());
    }

    @Test
    void theOffsetsOfABatchAreCommittedOnlyOnceItIsPersisted() {
        String sale = newSaleId("offsets");
        // One user, so one partition.
        List<ProducerRecord<String, String>> records = IntStream.rangeClosed(1, 10)
                .mapToObj(i -> record(order(sale, "u-offsets", i)))
                .toList();
        double failedAttempts = persistRetries();

        stack.postgres().stop();
        List<RecordMetadata> sent = kafka.produceStrings().fromRecords(records).awaitCompletion().getRecords();
        TopicPartition partition = new TopicPartition(sent.get(0).topic(), sent.get(0).partition());
        // Held across more than one commit interval (1 s): anything committable would be committed by now.
        await().atMost(Duration.ofSeconds(30)).until(() -> persistRetries() >= failedAttempts + 5);
        assertTrue(committed(GROUP, partition) <= sent.get(0).offset());
        stack.postgres().start();

        long next = sent.get(sent.size() - 1).offset() + 1;
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(GROUP, partition) == next);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> table.countBySale(sale) == 10);
    }

    @Test
    void theConsumerLagCountsWhatIsHeldWhileTheDatabaseIsDownAndDrainsWhenItIsBack() throws Exception {
        String sale = newSaleId("lag");
        List<ProducerRecord<String, String>> records = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> record(order(sale, "u-lag-" + i, 1)))
                .toList();

        stack.postgres().stop();
        kafka.produceStrings().fromRecords(records).awaitCompletion();
        // The consumer has fetched them, so the client's own records-lag-max says 0; none is committed.
        await().atMost(Duration.ofSeconds(30)).until(() -> consumerLag() >= records.size());
        stack.postgres().start();

        await().atMost(Duration.ofSeconds(60)).until(() -> consumerLag() == 0.0);
        assertEquals(20, table.countBySale(sale));
    }

    @Test
    void readinessIsDownWhileTheDatabaseIsDown() {
        stack.postgres().stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get(Management.url(management, "/q/health/ready")).statusCode() == 503);

        stack.postgres().start();
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get(Management.url(management, "/q/health/ready")).statusCode() == 200);
    }

    @Test
    void aReadWhileTheDatabaseIsDownIsA503ToRetry() {
        stack.postgres().stop();

        List<String> retryAfter = given().auth().oauth2(issuer.token("agent", Roles.SUPPORT))
                .queryParam("saleId", "any-sale")
                .when().get("/api/orders")
                .then().statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.DEPENDENCY_UNAVAILABLE.uri()))
                .extract().headers().getValues("Retry-After");
        // One value: a client (or a proxy) given two does not know which to obey.
        assertEquals(List.of("5"), retryAfter);
    }

    private double consumerLag() {
        return registry.get("flashsale.consumer.lag.records").tag("group", GROUP).gauge().value();
    }

    private double persistRetries() {
        return registry.get("flashsale.order.batch.retries").tag("step", "persist").counter().count();
    }

    /** The offset the group has committed on {@code partition}, 0 when it has committed none. */
    private long committed(String group, TopicPartition partition) {
        OffsetAndMetadata committed = kafka.consumerGroups().offsets(group, partition);
        return committed == null ? 0 : committed.offset();
    }
}
