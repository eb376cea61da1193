package io.flashsale.inventory.reconciliation.service;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.flashsale.contract.LogFields;
import io.flashsale.contract.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes stranded reservations again, byte for byte as the gateway stored them, keyed by user id
 * as the gateway publishes. Safe to repeat: order-service inserts each order id once.
 */
@ApplicationScoped
public class Republisher {

    private static final Logger LOG = Logger.getLogger(Republisher.class);
    /** Sends in flight at once; stays below the emitter's buffer. */
    private static final int BATCH = 128;
    /** Longer than the producer's delivery.timeout.ms, which fails a send before this. */
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;

    public Republisher(@Channel(Topics.ORDERS_ACCEPTED) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Returns how many of the reservations the broker acknowledged. */
    public int republish(List<Reservation> reservations) {
        int acked = 0;
        for (int from = 0; from < reservations.size(); from += BATCH) {
            List<Uni<Boolean>> sends = reservations.subList(from, Math.min(reservations.size(), from + BATCH))
                    .stream().map(this::send).toList();
            acked += (int) Uni.join().all(sends).andFailFast().await().atMost(ACK_WAIT).stream()
                    .filter(Boolean::booleanValue).count();
        }
        return acked;
    }

    private Uni<Boolean> send(Reservation reservation) {
        Message<String> message = Message.of(reservation.json()).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(reservation.event().userId()).build());
        return emitter.sendMessage(message)
                .replaceWith(Boolean.TRUE)
                .onFailure().recoverWithItem(e -> {
                    // On the producer's thread, outside the sale's scope.
                    String saleId = reservation.event().saleId();
                    try (LogFields.Scope fields = LogFields.order(saleId, reservation.field())) {
                        LOG.warnf("sale %s: could not re-publish order %s: %s", saleId, reservation.field(),
                                e.getMessage());
                    }
                    return Boolean.FALSE;
                });
    }
}
