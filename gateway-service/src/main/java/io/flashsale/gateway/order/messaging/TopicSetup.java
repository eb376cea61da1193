package io.flashsale.gateway.order.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flashsale.contract.TopicProvisioner;
import io.flashsale.contract.Topics;
import io.flashsale.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;

/** Creates the pipeline's topics at start-up when they are missing. */
@ApplicationScoped
public class TopicSetup {

    void onStart(@Observes StartupEvent event, GatewayConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        TopicProvisioner.ensure(bootstrapServers, config.kafka().partitions(), config.kafka().replicationFactor(),
                Set.of(Topics.ORDERS_ACCEPTED, Topics.ORDERS_DLQ));
    }
}
