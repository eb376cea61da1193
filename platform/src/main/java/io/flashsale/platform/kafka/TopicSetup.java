package io.flashsale.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flashsale.contract.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Creates the pipeline's topics at start when they are missing, in every service (whichever starts first
 * creates them): the orders' with {@code flashsale.kafka.partitions} partitions, the sales' directory with
 * one, compacted; replication factor {@code flashsale.kafka.replication-factor} and {@code min.insync.replicas}
 * {@link TopicConfig#minInsyncReplicasOrDefault()}. Before messaging starts (PLATFORM_BEFORE runs ahead of the
 * connector's start-up observers): the broker does not auto-create topics, and a consumer subscribed to a
 * missing topic would sit idle until its next metadata refresh.
 */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);
    /** Compacted: the last record of each sale is kept for ever, so a reader from the start sees every sale. */
    static final Map<String, String> SALES_CONFIG = Map.of(
            org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_CONFIG,
            org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_COMPACT);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String application, TopicConfig config) {
        Set<NewTopic> topics = topics(config.partitions(), config.replicationFactor(),
                config.minInsyncReplicasOrDefault());
        try (KafkaAdmin admin = new KafkaAdmin(kafka, application + "-topic-setup", Duration.ofSeconds(30))) {
            admin.ensureTopics(topics);
        }
        LOG.infof("topics %s present on %s", topics.stream().map(NewTopic::name).sorted().toList(),
                kafka.get("bootstrap.servers"));
    }

    /**
     * The orders' topics with {@code partitions} partitions; the sales' directory with one (a few records a
     * sale, read whole by every gateway) and compacted.
     */
    static Set<NewTopic> topics(int partitions, short replicas, int minInsync) {
        Map<String, String> everyTopic = Map.of(
                org.apache.kafka.common.config.TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsync));
        Map<String, String> sales = new HashMap<>(SALES_CONFIG);
        sales.putAll(everyTopic);
        return Set.of(new NewTopic(Topics.ORDERS_ACCEPTED, partitions, replicas).configs(everyTopic),
                new NewTopic(Topics.ORDERS_DLQ, partitions, replicas).configs(everyTopic),
                new NewTopic(Topics.SALES, 1, replicas).configs(sales));
    }
}
