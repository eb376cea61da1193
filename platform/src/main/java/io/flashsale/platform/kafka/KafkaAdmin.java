package io.flashsale.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The Kafka admin client the services use, made one way: from the connector's own settings (the
 * {@code default-kafka-broker} map: bootstrap servers, and TLS or SASL where production sets them), with
 * every call bounded by one timeout. Created on first use, so that a service starts while the broker is
 * down; every failure is an {@link IllegalStateException} that names the call.
 */
public final class KafkaAdmin implements AutoCloseable {

    private final Map<String, Object> config;
    private final Duration timeout;
    private Admin admin;

    /**
     * @param kafka    the connector's Kafka settings; only the admin client's own are taken
     * @param clientId how the broker's logs and quotas name this client
     * @param timeout  the bound of each call, retries included (a request times out at half of it)
     */
    public KafkaAdmin(Map<String, Object> kafka, String clientId, Duration timeout) {
        Map<String, Object> adminConfig = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() / 2);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.config = Map.copyOf(adminConfig);
        this.timeout = timeout;
    }

    /** The partitions of {@code topic}. */
    public List<TopicPartition> partitions(String topic) {
        return await("describe " + topic, admin().describeTopics(List.of(topic)).allTopicNames())
                .get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    /** The end offset of every partition of {@code topic} now. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        return offsets(partitions(topic), OffsetSpec.latest());
    }

    /** The offsets {@code group} has committed; a partition it never committed is absent. */
    public Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        return await("read the offsets of group " + group,
                admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    }

    /**
     * Records up to {@code target} that a group with these {@code committed} offsets has not committed:
     * {@link GroupLag#behind}, with the first offset of every partition the group never committed (where a
     * new consumer of it starts, {@code auto.offset.reset=earliest}) read from the broker.
     */
    public long lag(Map<TopicPartition, Long> target, Map<TopicPartition, OffsetAndMetadata> committed) {
        List<TopicPartition> neverCommitted = target.keySet().stream().filter(p -> committed.get(p) == null).toList();
        Map<TopicPartition, Long> firsts = neverCommitted.isEmpty() ? Map.of()
                : offsets(neverCommitted, OffsetSpec.earliest());
        return GroupLag.behind(target, committed, firsts);
    }

    /**
     * Creates those of {@code topics} that are missing. Existing topics are left as they are: in
     * production they belong to the platform (Strimzi {@code KafkaTopic}s); here they are a convenience.
     */
    public void ensureTopics(Set<String> topics, int partitions, short replicas) {
        ensureTopics(topics.stream().map(t -> new NewTopic(t, partitions, replicas)).collect(Collectors.toSet()));
    }

    /** Creates those of {@code topics} that are missing, each as described (partitions, replicas, configs). */
    public void ensureTopics(Set<NewTopic> topics) {
        Set<String> existing = await("list topics", admin().listTopics().names());
        Set<NewTopic> missing = topics.stream()
                .filter(t -> !existing.contains(t.name()))
                .collect(Collectors.toSet());
        if (missing.isEmpty()) {
            return;
        }
        try {
            await("create topics " + missing.stream().map(NewTopic::name).sorted().toList(), admin().createTopics(missing).all());
        } catch (IllegalStateException e) {
            // Another service or replica may have created one in between: the outcome wanted.
            if (!(e.getCause() instanceof ExecutionException failure
                    && failure.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        return await("list offsets of " + partitions, admin()
                .listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec))).all())
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(new HashMap<>(config));
        }
        return admin;
    }

    private <T> T await(String call, KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + call, e);
        } catch (ExecutionException | TimeoutException e) {
            String why = e.getCause() != null ? e.getCause().toString() : e.toString();
            throw new IllegalStateException("cannot " + call + " on " + config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + ": " + why, e);
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
