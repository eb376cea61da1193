package io.flashsale.gateway.order.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.order.service.GatewayMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The breaker's states, without Kafka: who is let through, and what closes or opens it. */
class KafkaBreakerTest {

    private static final Throwable NO_ACK = new TimeoutException("no ack");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aFailureOpensItAndAnOpenBreakerRefusesUntilTheProbeInterval() {
        KafkaBreaker breaker = breaker("1h");
        KafkaBreaker.Permit permit = breaker.admit();
        assertNotNull(breaker.admit());

        breaker.failed(permit, NO_ACK);

        assertTrue(breaker.isOpen());
        assertNull(breaker.admit());
        assertEquals(1.0, registry.get("flashsale.gateway.kafka.breaker.open").gauge().value());
    }

    @Test
    void afterTheIntervalExactlyOneOrderProbesAndItsAckClosesTheBreaker() {
        KafkaBreaker breaker = opened("0s");
        KafkaBreaker.Permit probe = breaker.admit();
        assertNotNull(probe);
        assertNull(breaker.admit(), "one probe at a time");

        breaker.acked(probe);

        assertFalse(breaker.isOpen());
        assertNotNull(breaker.admit());
        assertNotNull(breaker.admit());
        assertEquals(0.0, registry.get("flashsale.gateway.kafka.breaker.open").gauge().value());
    }

    @Test
    void aFailedProbeOpensItAgain() {
        KafkaBreaker breaker = opened("1h");
        breaker.brokerAnswered();
        KafkaBreaker.Permit probe = breaker.admit();

        breaker.failed(probe, NO_ACK);

        assertTrue(breaker.isOpen());
        assertNull(breaker.admit(), "the interval starts again");
    }

    @Test
    void aProbeThatNeverPublishedHandsTheProbeToTheNextOrder() {
        KafkaBreaker breaker = opened("0s");
        KafkaBreaker.Permit probe = breaker.admit();

        breaker.finished(probe);

        KafkaBreaker.Permit next = breaker.admit();
        assertNotNull(next);
        breaker.acked(next);
        assertFalse(breaker.isOpen());
    }

    @Test
    void theFailureOfAPublishStartedBeforeTheRecoveryDoesNotReopenIt() {
        KafkaBreaker breaker = breaker("0s");
        KafkaBreaker.Permit early = breaker.admit();
        KafkaBreaker.Permit late = breaker.admit();
        breaker.failed(early, NO_ACK);
        breaker.acked(breaker.admit());

        breaker.failed(late, NO_ACK);

        assertFalse(breaker.isOpen());
    }

    @Test
    void aFailureAfterALaterOrdersAckIsItsPartitionsAloneAndKeepsItClosed() {
        KafkaBreaker breaker = breaker("1h");
        KafkaBreaker.Permit onDeadLeader = breaker.admit();
        KafkaBreaker.Permit elsewhere = breaker.admit();
        breaker.acked(elsewhere);

        breaker.failed(onDeadLeader, NO_ACK);

        assertFalse(breaker.isOpen(), "the cluster acknowledged a later order");
        assertNotNull(breaker.admit());
    }

    @Test
    void anAckOfAnEarlierOrderDoesNotExcuseAFailure() {
        KafkaBreaker breaker = breaker("1h");
        KafkaBreaker.Permit earlier = breaker.admit();
        KafkaBreaker.Permit failing = breaker.admit();
        breaker.acked(earlier);

        breaker.failed(failing, NO_ACK);

        assertTrue(breaker.isOpen(), "nothing admitted after the failing order was acknowledged");
    }

    @Test
    void onlyTheProbeClosesIt() {
        KafkaBreaker breaker = breaker("0s");
        KafkaBreaker.Permit early = breaker.admit();
        KafkaBreaker.Permit late = breaker.admit();
        breaker.failed(early, NO_ACK);

        breaker.acked(late);

        assertTrue(breaker.isOpen());
    }

    @Test
    void aBrokerThatAnswersAgainLetsTheNextOrderProbeAtOnce() {
        KafkaBreaker breaker = opened("1h");
        assertNull(breaker.admit());

        breaker.brokerAnswered();

        assertNotNull(breaker.admit());
    }

    private KafkaBreaker opened(String probeInterval) {
        KafkaBreaker breaker = breaker(probeInterval);
        breaker.failed(breaker.admit(), NO_ACK);
        return breaker;
    }

    private KafkaBreaker breaker(String probeInterval) {
        GatewayConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("flashsale.kafka.probe-interval", probeInterval)
                .build()
                .getConfigMapping(GatewayConfig.class);
        KafkaBreaker breaker = new KafkaBreaker(config);
        new GatewayMetrics(registry, breaker);
        return breaker;
    }
}
