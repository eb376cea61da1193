package io.flashsale.inventory.reconciliation.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.flashsale.contract.LogFields;
import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.redis.Reservation;
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
    private final MutinyEmitter<String> emitter;
    private final Duration ackTimeout;

    public Republisher(@Channel(ReconciliationChannels.ORDERS_ACCEPTED) MutinyEmitter<String> emitter, InventoryConfig config) {
        this.emitter = emitter;
        this.ackTimeout = config.reconciliation().republishAckTimeout();
    }

    /** Returns how many of the reservations the broker acknowledged. */
    public int republish(List<Reservation> reservations) {
        int acked = 0;
        for (int from = 0; from < reservations.size(); from += BATCH) {
            List<Uni<Boolean>> sends = reservations.subList(from, Math.min(reservations.size(), from + BATCH))
                    .stream().map(this::send).toList();
            acked += (int) Uni.join().all(sends).andFailFast().await().atMost(ackTimeout).stream()
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
