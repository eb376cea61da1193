package io.flashsale.order.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.flashsale.contract.Topics;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TopicSetupTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theOrdersTopicsExistWithTheConfiguredPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.ORDERS_ACCEPTED, Topics.ORDERS_DLQ))
                    .allTopicNames().get(30, TimeUnit.SECONDS);

            assertEquals(6, topics.get(Topics.ORDERS_ACCEPTED).partitions().size());
            assertEquals(6, topics.get(Topics.ORDERS_DLQ).partitions().size());
        }
    }

    @Test
    void theSalesDirectoryIsOneCompactedPartition() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicDescription sales = admin.describeTopics(List.of(Topics.SALES)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.SALES);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SALES);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);

            assertEquals(1, sales.partitions().size());
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        }
    }

    /** On the test stack's one broker, replication factor 1 and one in-sync replica (three brokers: KafkaReplicationIT). */
    @Test
    void everyTopicStatesItsInSyncReplicas() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : List.of(Topics.ORDERS_ACCEPTED, Topics.ORDERS_DLQ, Topics.SALES)) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                org.apache.kafka.clients.admin.ConfigEntry entry = admin.describeConfigs(List.of(resource)).all()
                        .get(30, TimeUnit.SECONDS).get(resource).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                assertEquals("1", entry.value(), topic);
                assertEquals(org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG,
                        entry.source(), () -> topic + ": set on the topic by TopicSetup, not the broker's default");
            }
        }
    }
}
