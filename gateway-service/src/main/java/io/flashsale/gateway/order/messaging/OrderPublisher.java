package io.flashsale.gateway.order.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.flashsale.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes accepted orders to {@code flashsale.orders.accepted}; the Uni completes on the broker's
 * ack, and fails when there is none within the ack timeout (the record may still be delivered).
 */
@ApplicationScoped
public class OrderPublisher {

    private final MutinyEmitter<String> emitter;
    private final Duration ackTimeout;

    public OrderPublisher(@Channel(OrderChannels.ORDERS_ACCEPTED) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<String> emitter, GatewayConfig config) {
        this.emitter = emitter;
        this.ackTimeout = config.kafka().ackTimeout();
    }

    /**
     * @param userId the record key: it spreads a hot sale over partitions
     * @param event  the event JSON exactly as the reserve script wrote it
     */
    public Uni<Void> publish(String userId, String event) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(event)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(userId).build())))
                .ifNoItem().after(ackTimeout)
                .failWith(() -> new java.util.concurrent.TimeoutException(
                        "no ack from Kafka within " + ackTimeout.toMillis() + " ms"));
    }

    /**
     * Whether a publish failure means the record certainly never reached a broker, so that its
     * reservation can be released. Anything else (a delivery timeout, a lost connection) leaves
     * the outcome unknown.
     */
    public static boolean neverSent(Throwable failure) {
        // The connector wraps a delivery timeout into "retries exhausted" (an IllegalStateException),
        // and retries a send that timed out waiting for metadata: only an error no retry can change
        // proves the record never left.
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                return false;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SerializationException || t instanceof RecordTooLargeException) {
                return true;
            }
        }
        return false;
    }

}
