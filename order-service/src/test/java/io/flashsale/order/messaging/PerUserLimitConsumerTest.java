package io.flashsale.order.messaging;

import static io.flashsale.order.support.Orders.limited;
import static io.flashsale.order.support.Orders.newSaleId;
import static io.flashsale.order.support.Orders.record;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.LogFields;
import io.flashsale.contract.OrderEvent;
import io.flashsale.testsupport.JsonTestLog;
import io.flashsale.order.service.OrderBatchService;
import io.flashsale.order.support.WithKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The consumer end to end: an order over its user's limit is recorded as rejected, counted and logged, with
 * its sale and order as log fields.
 */
@QuarkusTest
class PerUserLimitConsumerTest extends WithKafka {

    @Inject
    MeterRegistry registry;

    /** Each WARN of the batch service; JBoss Logging hands printf-style messages over formatted. */
    final List<String> warnings = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // JBoss LogManager has a WARN level of its own, with the value of WARNING.
            if (record.getLevel().intValue() == Level.WARNING.intValue()) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger(OrderBatchService.class.getName()).addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger(OrderBatchService.class.getName()).removeHandler(capture);
    }

    @Test
    void aSecondOrderOfAUserForALimitOfOneIsRejectedCountedAndLogged() throws SQLException {
        String sale = newSaleId("consumer-limit");
        OrderEvent first = limited(sale, "u-limit", 1, 1);
        OrderEvent second = limited(sale, "u-limit", 2, 1);
        double rejected = rejectedCount();

        kafka.produceStrings().fromRecords(record(first), record(second), record(second)).awaitCompletion();

        await().atMost(Duration.ofSeconds(30)).until(() -> table.countRejectedBySale(sale) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> rejectedCount() == rejected + 1);
        assertEquals(List.of(first.orderId()), table.persistedIds(sale));
        assertEquals(List.of(second.orderId() + " per-user-limit"), table.rejected(sale));
        await().atMost(Duration.ofSeconds(30)).until(() -> warningsAbout(second).size() == 1);
        String warning = warningsAbout(second).get(0);
        assertTrue(warning.contains(sale) && warning.contains("u-limit") && warning.contains("per-user-limit"), warning);
    }

    @Test
    void theRejectionIsLoggedWithItsSaleAndOrderAsFields() {
        String sale = newSaleId("consumer-limit-log");
        OrderEvent first = limited(sale, "u-log", 1, 1);
        OrderEvent second = limited(sale, "u-log", 2, 1);

        kafka.produceStrings().fromRecords(record(first), record(second)).awaitCompletion();

        JsonNode logged = JsonTestLog.await(LogFields.ORDER_ID, second.orderId(), r -> true);
        assertEquals("WARN", logged.path("level").asText(), logged::toString);
        assertEquals(sale, logged.path("mdc").path(LogFields.SALE_ID).asText(), logged::toString);
        assertTrue(logged.path("message").asText().startsWith("rejected order " + second.orderId()), logged::toString);
        // An order persisted as usual has no line of its own.
        assertEquals(List.of(), JsonTestLog.withMdc(LogFields.ORDER_ID, first.orderId()));
    }

    private List<String> warningsAbout(OrderEvent order) {
        return warnings.stream().filter(w -> w.contains(order.orderId())).toList();
    }

    private double rejectedCount() {
        return registry.get("flashsale.orders.rejected").tag("reason", "per-user-limit").counter().count();
    }
}
