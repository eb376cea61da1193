package io.flashsale.order.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.Topics;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TopicSetupTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void bothTopicsExistWithTheConfiguredPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.ORDERS_ACCEPTED, Topics.ORDERS_DLQ))
                    .allTopicNames().get(30, TimeUnit.SECONDS);

            assertEquals(6, topics.get(Topics.ORDERS_ACCEPTED).partitions().size());
            assertEquals(6, topics.get(Topics.ORDERS_DLQ).partitions().size());
        }
    }
}
