package io.flashsale.inventory.reconciliation.messaging;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.flashsale.contract.Topics;
import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.platform.kafka.KafkaAdmin;
import io.smallrye.common.annotation.Identifier;

/** How far the order consumer group is behind a snapshot of {@link Topics#ORDERS_ACCEPTED}'s end offsets. */
@ApplicationScoped
public class PipelineDrain {

    private static final Logger LOG = Logger.getLogger(PipelineDrain.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaAdmin admin;
    private final InventoryConfig config;

    public PipelineDrain(@Identifier("default-kafka-broker") Map<String, Object> kafka, InventoryConfig config) {
        this.admin = new KafkaAdmin(kafka, "inventory-service-drain", ADMIN_TIMEOUT);
        this.config = config;
    }

    /**
     * The end offset of every partition of the topic now: what the consumer group must have consumed
     * for everything published so far to be in the database. Take it once, after the pause's
     * publish-settle and the re-publishing of stranded reservations, and wait for {@link #lag(Map)} to
     * reach 0: records other sales publish after it do not move it, so their traffic cannot keep a
     * rebuild waiting forever.
     */
    public Map<TopicPartition, Long> target() {
        return admin.endOffsets(Topics.ORDERS_ACCEPTED);
    }

    /**
     * Records up to {@code target} that the consumer group has not committed yet. A partition the group
     * never committed counts from its first offset (a new consumer starts there). A group with no commit
     * at all counts as drained: no consumer of it has ever run, so nothing is in flight towards the
     * database.
     */
    public long lag(Map<TopicPartition, Long> target) {
        String group = config.reconciliation().consumerGroup();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.committed(group);
        if (target.keySet().stream().allMatch(p -> committed.get(p) == null)) {
            LOG.warnf("consumer group %s has committed nothing on %s; treating it as drained", group,
                    Topics.ORDERS_ACCEPTED);
            return 0;
        }
        return admin.lag(target, committed);
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
