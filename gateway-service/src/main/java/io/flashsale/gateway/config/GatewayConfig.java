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

    /**
     * How long a readiness check waits for Redis or Kafka before reporting DOWN: well under the
     * one second a Kubernetes probe waits by default.
     */
    @WithDefault("500ms")
    Duration readinessTimeout();

    interface Orders {
        /** The largest quantity one order may ask for; above it the request is malformed. */
        @WithDefault("1000")
        int maxQuantity();

        /** How long the local sold-out flag of a sale answers without asking Redis. */
        @WithDefault("1s")
        Duration soldOutFlagTtl();

        /**
         * Order requests one gateway works on at once; beyond them a request is answered 503
         * {@code overloaded} at once, without touching Redis or Kafka.
         */
        @WithDefault("512")
        int maxInFlight();
    }

    interface Kafka {
        /** Partitions of the topics the gateway creates when they are missing. */
        @WithDefault("6")
        int partitions();

        @WithDefault("1")
        short replicationFactor();

        /** How long a publish waits for the broker's ack before the order is answered {@code publish-unconfirmed}. */
        @WithDefault("3s")
        Duration ackTimeout();

        /** How long the Kafka breaker stays open before it lets one request through as a probe. */
        @WithDefault("1s")
        Duration probeInterval();
    }
}
