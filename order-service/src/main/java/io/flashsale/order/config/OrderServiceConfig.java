package io.flashsale.order.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything order-service reads from configuration under {@code flashsale.*}. */
@ConfigMapping(prefix = "flashsale")
public interface OrderServiceConfig {

    Kafka kafka();

    Retry retry();

    /** The topics themselves are created by the platform's {@code TopicSetup} ({@code flashsale.kafka.partitions}). */
    interface Kafka {

        /** The consumer group whose lag is measured: the one the orders channel consumes with. */
        String consumerGroup();

        /** How often the consumer group's lag is read from the broker. */
        @WithDefault("10s")
        Duration lagInterval();

        /**
         * How long a batch waits for the broker to acknowledge its dead letters before the step fails
         * and is retried: above the dead-letter producer's {@code delivery.timeout.ms} (30 s), so that
         * the broker's verdict normally comes first.
         */
        @WithDefault("45s")
        Duration deadLetterAckTimeout();
    }

    /** Back-off between attempts of a batch step that failed (database write, dead-letter publish). */
    interface Retry {

        @WithDefault("100ms")
        Duration initialBackoff();

        @WithDefault("5s")
        Duration maxBackoff();
    }
}
