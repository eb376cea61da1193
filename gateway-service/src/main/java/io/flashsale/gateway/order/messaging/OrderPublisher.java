package io.flashsale.gateway.order.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes accepted orders to {@code flashsale.orders.accepted}; the Uni completes on the broker's ack. */
@ApplicationScoped
public class OrderPublisher {

    /** Outgoing channel, mapped to the topic in application.properties. */
    public static final String CHANNEL = "orders-accepted";

    private final MutinyEmitter<String> emitter;

    public OrderPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * @param userId the record key: it spreads a hot sale over partitions
     * @param event  the event JSON exactly as the reserve script wrote it
     */
    public Uni<Void> publish(String userId, String event) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(userId).build())));
    }

    /**
     * Whether a publish failure means the record certainly never reached a broker, so that its
     * reservation can be released. Anything else (a delivery timeout, a lost connection) leaves
     * the outcome unknown.
     */
    public static boolean neverSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                // Raised by send() itself when the topic's metadata never arrived: nothing was sent.
                return t.getMessage() != null && t.getMessage().contains("not present in metadata");
            }
            if (t instanceof SerializationException || t instanceof RecordTooLargeException
                    || t instanceof IllegalStateException) {
                return true;
            }
        }
        return false;
    }
}
