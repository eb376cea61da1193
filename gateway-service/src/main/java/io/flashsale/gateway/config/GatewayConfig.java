package io.flashsale.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the gateway can be told, under {@code flashsale.*}. */
@ConfigMapping(prefix = "flashsale")
public interface GatewayConfig {

    Orders orders();

    Kafka kafka();

    /** How long a Redis call may take before the request is answered 503. */
    @WithDefault("2s")
    Duration redisTimeout();

    interface Orders {
        /** The largest quantity one order may ask for; above it the request is malformed. */
        @WithDefault("1000")
        int maxQuantity();

        /** How long the local sold-out flag of a sale answers without asking Redis. */
        @WithDefault("1s")
        Duration soldOutFlagTtl();
    }

    interface Kafka {
        /** Partitions of the topics the gateway creates when they are missing. */
        @WithDefault("6")
        int partitions();

        @WithDefault("1")
        short replicationFactor();
    }
}
