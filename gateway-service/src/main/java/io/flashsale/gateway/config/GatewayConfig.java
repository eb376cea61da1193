package io.flashsale.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the gateway can be told, under {@code flashsale.*}. */
@ConfigMapping(prefix = "flashsale")
public interface GatewayConfig {

    Orders orders();

    Kafka kafka();

    Identity identity();

    RateLimit rateLimit();

    /** How long a Redis call may take before the request is answered 503. */
    @WithDefault("2s")
    Duration redisTimeout();

    /**
     * How many replicas must hold a reservation before the order is published: the reserve is sent with a
     * {@code WAIT} on the same connection. 0 (the default) does not wait. With 1 on a Redis Cluster (a
     * replica per master), a failover keeps every reservation answered 202, so the new master never offers
     * its unit again (docs/design.md §3.3). A reservation the replicas did not confirm within
     * {@link #redisReplicaAckTimeout()} is released and answered 503: a master without a replica in sync
     * sells nothing.
     */
    @WithDefault("0")
    int redisReplicaAcks();

    /** How long the {@code WAIT} of {@link #redisReplicaAcks()} waits for the replicas. */
    @WithDefault("100ms")
    Duration redisReplicaAckTimeout();

    /**
     * Redis connections opened before the gateway takes traffic, and kept open by using each of them
     * every {@link #redisKeepWarm()}: the first burst of a sale then finds them open instead of opening
     * them under load. On a Redis Cluster a command holds a connection to every master at once, and a
     * cold pool filling under a burst made one request in five wait past the Redis timeout (design §3.3).
     * The pool's own maximum ({@code quarkus.redis.max-pool-size}) caps it; 0 turns it off.
     */
    @WithDefault("64")
    int redisWarmConnections();

    /**
     * How often the warm connections are used again: well under the pool's recycle timeout
     * ({@code quarkus.redis.pool-recycle-timeout}, 3 minutes), after which an idle connection is closed.
     */
    @WithDefault("60s")
    Duration redisKeepWarm();

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
         * {@code overloaded} at once, without touching Redis or Kafka. Enough for a healthy peak (about
         * 20,000 orders/s at 20 ms each); past it latency only grows.
         */
        @WithDefault("512")
        int maxInFlight();
    }

    interface Identity {
        /**
         * The claim of a buyer's access token that names the buyer: its subject by default, which an
         * OpenID provider never reassigns. Orders, limits and idempotency keys belong to this id.
         */
        @WithDefault("sub")
        String buyerClaim();

        TokenCache tokenCache();

        /**
         * Verified bearer tokens, remembered by their SHA-256 until they expire: the next request with the
         * same token skips the signature check.
         */
        interface TokenCache {
            /** How many tokens are remembered (the least used go first); 0 turns the cache off. */
            @WithDefault("50000")
            int size();

            /**
             * How long a token is remembered at most, however late its {@code exp}: how long a key the provider
             * withdrew without a new one taking over may still verify a token seen before (a token of a new key
             * makes the gateway forget every token it remembered). Keycloak's access tokens live 5 minutes.
             */
            @WithDefault("5m")
            Duration maxAge();
        }
    }

    /**
     * Order requests per buyer and per client address, each within one sale: token buckets of
     * {@code rate} requests a second and room for {@code burst} at once (rate 0: no limit). Taken in Redis
     * inside the reserve script (buckets shared by every gateway), or, for the requests a gateway answers
     * without Redis (the sold-out flag, the Kafka breaker open), in that gateway's memory. Past either: 429.
     */
    interface RateLimit {
        BuyerLimit buyer();

        AddressLimit address();

        /** How many buckets of each kind one gateway keeps in memory; the least recently used go first. */
        @WithDefault("100000")
        int localBuckets();

        interface BuyerLimit {
            @WithDefault("5")
            int rate();

            @WithDefault("10")
            int burst();
        }

        /** Generous: every buyer behind one carrier NAT shares an address (README: sizing). */
        interface AddressLimit {
            @WithDefault("500")
            int rate();

            @WithDefault("2000")
            int burst();
        }
    }

    /** The topics themselves are created by the platform's {@code TopicSetup} ({@code flashsale.kafka.partitions}). */
    interface Kafka {
        /**
         * How long a publish waits for the broker's ack before the order is answered {@code publish-unconfirmed}:
         * well inside the producer's {@code delivery.timeout.ms}, so a request never waits longer than this.
         */
        @WithDefault("3s")
        Duration ackTimeout();

        /** How long the Kafka breaker stays open before it lets one request through as a probe. */
        @WithDefault("1s")
        Duration probeInterval();
    }
}
