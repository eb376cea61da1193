package io.flashsale.inventory.sale.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.flashsale.contract.LogFields;
import io.flashsale.contract.Topics;
import io.flashsale.inventory.config.InventoryConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Writes every sale into the sales' directory ({@link Topics#SALES}), which each gateway reads whole to tell a
 * sale Redis has forgotten (503 sale-recovering) from one that never existed (404). A sale is published when it
 * is created, after its transaction; and every {@code flashsale.sales.directory-interval}, every sale this
 * process has not yet seen acknowledged (on a fresh process: all of them) is published again, so a creation
 * whose publish failed is mended within one interval, and a directory topic lost and created anew at the
 * service's next start. Repeats are harmless: the topic is compacted by sale id.
 */
@ApplicationScoped
public class SaleDirectory {

    private static final Logger LOG = Logger.getLogger(SaleDirectory.class);

    private final MutinyEmitter<String> emitter;
    private final Duration ackTimeout;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    public SaleDirectory(@Channel(SaleChannels.SALES) MutinyEmitter<String> emitter, InventoryConfig config) {
        this.emitter = emitter;
        this.ackTimeout = config.reconciliation().republishAckTimeout();
    }

    /** Publishes the sale's record and waits for the broker's ack; false (logged) when it did not come. */
    public boolean publish(String saleId) {
        try {
            send(saleId).await().atMost(ackTimeout);
            acknowledged.add(saleId);
            return true;
        } catch (RuntimeException e) {
            try (LogFields.Scope fields = LogFields.sale(saleId)) {
                LOG.warnf("sale %s: not yet in the sales' directory (%s); published again within %s", saleId,
                        e.getMessage(), "flashsale.sales.directory-interval");
            }
            return false;
        }
    }

    /** Publishes those of the sales whose record this process has not seen acknowledged; how many were. */
    public int publishMissing(List<String> saleIds) {
        List<String> missing = saleIds.stream().filter(id -> !acknowledged.contains(id)).toList();
        int published = 0;
        for (String saleId : missing) {
            if (publish(saleId)) {
                published++;
            }
        }
        if (!missing.isEmpty()) {
            LOG.infof("sales' directory: %d of %d sales published", published, missing.size());
        }
        return published;
    }

    private Uni<Void> send(String saleId) {
        Message<String> message = Message.of(Topics.saleRecord(saleId)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(saleId).build());
        return emitter.sendMessage(message);
    }
}
