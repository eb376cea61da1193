package io.flashsale.order.config;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.flashsale.contract.TopicProvisioner;
import io.flashsale.contract.Topics;
import io.quarkus.runtime.StartupEvent;

/** Creates the topics this service reads and writes, when they are missing. */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final OrderServiceConfig.Kafka config;

    TopicSetup(OrderServiceConfig config) {
        this.config = config.kafka();
    }

    // Before messaging starts (PLATFORM_BEFORE runs ahead of the connector's start-up observers): the
    // broker does not auto-create topics, and a consumer subscribed to a missing topic would sit idle
    // until its next metadata refresh.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        Set<String> topics = Set.of(Topics.ORDERS_ACCEPTED, Topics.ORDERS_DLQ);
        TopicProvisioner.ensure(config.bootstrapServers(), config.partitions(), config.replicationFactor(), topics);
        LOG.infof("topics %s present on %s", topics, config.bootstrapServers());
    }
}
