package io.flashsale.inventory.reconciliation.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.flashsale.contract.Topics;
import io.flashsale.inventory.config.InventoryConfig;
import io.smallrye.common.annotation.Identifier;

/** How far the order consumer group is behind a snapshot of {@link Topics#ORDERS_ACCEPTED}'s end offsets. */
@ApplicationScoped
public class PipelineDrain {

    private static final Logger LOG = Logger.getLogger(PipelineDrain.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> kafka;
    private final InventoryConfig config;
    private Admin admin;

    public PipelineDrain(@Identifier("default-kafka-broker") Map<String, Object> kafka, InventoryConfig config) {
        this.kafka = kafka;
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
        return offsets(partitions(), OffsetSpec.latest());
    }

    /**
     * Records up to {@code target} that the consumer group has not committed yet. A partition the group
     * never committed counts from its first offset (a new consumer starts there). A group with no commit
     * at all counts as drained: no consumer of it has ever run, so nothing is in flight towards the
     * database.
     */
    public long lag(Map<TopicPartition, Long> target) {
        String group = config.reconciliation().consumerGroup();
        Map<TopicPartition, OffsetAndMetadata> committed = await(
                admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        List<TopicPartition> partitions = List.copyOf(target.keySet());
        if (partitions.stream().allMatch(p -> committed.get(p) == null)) {
            LOG.warnf("consumer group %s has committed nothing on %s; treating it as drained", group,
                    Topics.ORDERS_ACCEPTED);
            return 0;
        }
        Map<TopicPartition, Long> earliest = offsets(partitions, OffsetSpec.earliest());
        long lag = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata commit = committed.get(p);
            long from = commit != null ? commit.offset() : earliest.get(p);
            lag += Math.max(0, target.get(p) - from);
        }
        return lag;
    }

    private List<TopicPartition> partitions() {
        return await(admin().describeTopics(List.of(Topics.ORDERS_ACCEPTED)).allTopicNames())
                .get(Topics.ORDERS_ACCEPTED).partitions().stream()
                .map(p -> new TopicPartition(Topics.ORDERS_ACCEPTED, p.partition()))
                .toList();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, ListOffsetsResultInfo> result = await(admin()
                .listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec))).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> adminConfig = new HashMap<>();
            kafka.forEach((k, v) -> {
                if (AdminClientConfig.configNames().contains(k)) {
                    adminConfig.put(k, v);
                }
            });
            adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis() / 2);
            adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading consumer lag", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the lag of the order consumer group: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(ADMIN_TIMEOUT);
        }
    }
}
