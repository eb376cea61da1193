package io.flashsale.order;

import static io.flashsale.order.support.Orders.newSaleId;
import static io.flashsale.order.support.Orders.order;
import static io.flashsale.order.support.Orders.record;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;
import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.Topics;
import io.flashsale.testsupport.Management;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
class MetricsTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MeterRegistry registry;

    @Test
    void aBatchShowsOnThePrometheusEndpoint() {
        double persisted = registry.get("flashsale.orders.persisted").counter().count();
        double deadLettered = registry.get("flashsale.orders.dead.lettered").counter().count();
        OrderEvent order = order(newSaleId("metrics"), "u-metrics", 1);
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            kafka.produceStrings().fromRecords(record(order), record(order),
                    new ProducerRecord<>(Topics.ORDERS_ACCEPTED, "u-metrics", "nope")).awaitCompletion();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                registry.get("flashsale.orders.persisted").counter().count() > persisted
                        && registry.get("flashsale.orders.dead.lettered").counter().count() > deadLettered);

        given().when().get(Management.url(management, "/q/metrics"))
                .then().statusCode(200)
                .body(containsString("flashsale_orders_persisted_total"))
                .body(containsString("flashsale_orders_duplicates_total"))
                .body(containsString("flashsale_orders_dead_lettered_total"))
                .body(containsString("flashsale_orders_rejected_total{reason=\"per-user-limit\""))
                .body(containsString("flashsale_order_batch_size_count"))
                .body(containsString("flashsale_order_batch_size_bucket{le=\"500.0\"}"))
                .body(containsString("flashsale_order_batch_duration_seconds_count"))
                .body(containsString("flashsale_order_batch_duration_seconds_bucket{le=\"0.1\"}"))
                .body(containsString("flashsale_order_batch_retries_total{step=\"persist\""));
    }

    @Test
    void theConsumerGroupsLagIsReadFromTheBrokerAndIsZeroOnceEverythingIsCommitted() {
        double persisted = registry.get("flashsale.orders.persisted").counter().count();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrapServers)) {
            kafka.produceStrings().fromRecords(record(order(newSaleId("lag"), "u-lag", 1))).awaitCompletion();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                registry.get("flashsale.orders.persisted").counter().count() > persisted);

        // Committed within the commit interval (1 s) of the batch, and read every second here.
        await().atMost(Duration.ofSeconds(30)).until(() -> lag() == 0.0);
        given().when().get(Management.url(management, "/q/metrics"))
                .then().statusCode(200)
                .body(containsString("flashsale_consumer_lag_records{group=\"order-service\",topic=\""
                        + Topics.ORDERS_ACCEPTED + "\"} 0.0"));
    }

    private double lag() {
        return registry.get("flashsale.consumer.lag.records").tag("group", "order-service").gauge().value();
    }
}
