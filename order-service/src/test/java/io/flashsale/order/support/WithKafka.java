package io.flashsale.order.support;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The base of the suites that produce to the application's broker and read its order tables. */
public abstract class WithKafka {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    @Inject
    protected OrderTable table;

    protected KafkaCompanion kafka;

    @BeforeEach
    void connectKafka() {
        kafka = new KafkaCompanion(bootstrapServers);
    }

    /** After the suite's own {@code @AfterEach} methods (JUnit runs a subclass's first). */
    @AfterEach
    void closeKafka() {
        kafka.close();
    }
}
