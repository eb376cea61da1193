package io.flashsale.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three KRaft brokers, each also a controller: topics replicated three times, a write needing two in-sync
 * replicas. With one broker killed (SIGKILL) every write is still acknowledged; with two killed none is;
 * brought back, nothing acknowledged is missing. Embedded backend only (the containers backend runs one broker).
 */
class KafkaBrokersTest {

    private static final String TOPIC = "replicated";
    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        assumeTrue(EmbeddedStack.Backend.configured() == EmbeddedStack.Backend.EMBEDDED,
                "three brokers run on the embedded backend only");
        stack = EmbeddedStack.builder().dir(Path.of("target", "kafka-brokers-test")).fresh(true)
                .pieces(Set.of(EmbeddedStack.Piece.KAFKA)).kafkaBrokers(3).build().start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aWriteSurvivesOneBrokerAndIsRefusedWithoutTwo() throws Exception {
        assertEquals(3, stack.kafkaBrokers().size());
        assertEquals(3, stack.servers().size(), "each broker is a server of the stack");
        assertEquals(3, stack.kafkaReplicationFactor());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            assertEquals(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            // No replication factor given: the brokers' default, 3.
            admin.createTopics(Set.of(new NewTopic(TOPIC, Optional.of(3), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
            // The broker asked may not know the new topic yet (UnknownTopicOrPartition) until the controller's
            // metadata reaches it.
            TopicDescription created = await("every broker knows the topic").atMost(Duration.ofSeconds(30))
                    .ignoreExceptions().until(() -> describe(admin), d -> true);
            for (TopicPartitionInfo p : created.partitions()) {
                assertEquals(3, p.replicas().size(), p::toString);
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            String minIsr = await("the topic's configuration").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS)
                            .get(resource).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value(), v -> true);
            assertEquals("2", minIsr);

            Set<String> acknowledged = new HashSet<>();
            try (KafkaProducer<String, String> producer = producer()) {
                acknowledged.addAll(sendAll(producer, "before", 60));

                KafkaServer first = stack.kafkaBrokers().stream()
                        .filter(b -> b.nodeId() == leaderOfPartitionZero(admin)).findFirst().orElseThrow();
                first.kill();
                // Retried past the fencing of the dead leader (broker.session.timeout.ms, 4 s) and the election.
                acknowledged.addAll(sendAll(producer, "one-down", 60));

                KafkaServer second = stack.kafkaBrokers().stream().filter(KafkaServer::isRunning).findFirst()
                        .orElseThrow();
                second.kill();
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>(TOPIC, "k", "two-down")).get(30, TimeUnit.SECONDS));
                assertTrue(refused.getCause() instanceof org.apache.kafka.common.errors.RetriableException,
                        () -> "a timeout or not-enough-replicas, not " + refused.getCause());

                first.start();
                second.start();
                await("every partition has its three replicas in sync again").atMost(Duration.ofSeconds(90))
                        .ignoreExceptions()
                        .until(() -> describe(admin).partitions().stream().allMatch(p -> p.isr().size() == 3));
                acknowledged.addAll(sendAll(producer, "back", 60));
            }
            List<String> read = readAll();
            assertTrue(read.containsAll(acknowledged), "every acknowledged record is kept");
            assertEquals(new HashSet<>(read).size(), read.size(), "no record twice (idempotent producer)");
        }
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(Set.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
    }

    private static int leaderOfPartitionZero(Admin admin) {
        try {
            return describe(admin).partitions().get(0).leader().id();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer());
    }

    /** Sends {@code n} records spread over the partitions and returns their values once all are acknowledged. */
    private static List<String> sendAll(KafkaProducer<String, String> producer, String prefix, int n)
            throws Exception {
        List<String> values = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String value = prefix + "-" + i;
            values.add(value);
            sends.add(producer.send(new ProducerRecord<>(TOPIC, "key-" + i, value)));
        }
        for (Future<RecordMetadata> send : sends) {
            send.get(40, TimeUnit.SECONDS);
        }
        return values;
    }

    private static List<String> readAll() {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-brokers-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await("the topic read to its end").atMost(Duration.ofSeconds(60)).until(() -> {
                int before = values.size();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(2))) {
                    values.add(r.value());
                }
                return values.size() >= 180 && values.size() == before;
            });
        }
        return values;
    }
}
