package io.flashsale.platform.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flashsale.contract.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Creates the pipeline's topics at start when they are missing, in every service (whichever starts first
 * creates them): {@code flashsale.kafka.partitions} partitions, replication factor
 * {@code flashsale.kafka.replication-factor}. Before messaging starts (PLATFORM_BEFORE runs ahead of the
 * connector's start-up observers): the broker does not auto-create topics, and a consumer subscribed to a
 * missing topic would sit idle until its next metadata refresh.
 */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);
    private static final Set<String> TOPICS = Set.of(Topics.ORDERS_ACCEPTED, Topics.ORDERS_DLQ);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String application, TopicConfig config) {
        try (KafkaAdmin admin = new KafkaAdmin(kafka, application + "-topic-setup", Duration.ofSeconds(30))) {
            admin.ensureTopics(TOPICS, config.partitions(), config.replicationFactor());
        }
        LOG.infof("topics %s present on %s", TOPICS, kafka.get("bootstrap.servers"));
    }
}
