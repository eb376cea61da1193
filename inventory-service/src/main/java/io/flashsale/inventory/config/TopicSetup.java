package io.flashsale.inventory.config;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.CommonClientConfigs;

import io.flashsale.contract.TopicProvisioner;
import io.flashsale.contract.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/** Creates the pipeline's topics at start-up when they are missing; re-publishing needs them. */
@Singleton
public class TopicSetup {

    @Inject
    InventoryConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    void onStart(@Observes StartupEvent event) {
        TopicProvisioner.ensure(String.valueOf(kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)),
                config.kafka().partitions(), config.kafka().replicationFactor(),
                Set.of(Topics.ORDERS_ACCEPTED, Topics.ORDERS_DLQ));
    }
}
