package io.flashsale.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flashsale.stack.EmbeddedStack;
import io.flashsale.stack.KafkaServer;
import io.flashsale.tools.pipeline.Pipeline;
import io.flashsale.tools.pipeline.PipelineClient;
import io.flashsale.tools.pipeline.PipelineOptions;

/**
 * The pipeline on three Kafka brokers (each also a controller; topics replicated three times,
 * min.insync.replicas 2), brokers killed with SIGKILL under a steady load (docs/reliability.md). One broker
 * down: every 202 is still persisted and the gateway never goes {@link #ONE_DOWN_GAP} without a 202. Two down:
 * no write can have its two in-sync replicas, and every order gets 503, never 202. After each, the brokers
 * come back and the invariants hold. Embedded backend only: the containers backend runs one broker.
 */
class KafkaReplicationIT {

    private static final String ORDERS = "flashsale.orders.accepted";
    /**
     * The longest the gateway may go without a 202 while one broker is down. acks=all waits for every in-sync
     * replica, and the dead broker stays in each partition's ISR until the controller fences it
     * (broker.session.timeout.ms: 4 s in the embedded stack, 9 s by Kafka's default): every partition stalls
     * that long, about 4 s here; then the dead leader's partitions are led elsewhere and all are accepted again.
     */
    static final Duration ONE_DOWN_GAP = Duration.ofSeconds(8);

    private static Pipeline pipeline;
    private static FaultRun faults;

    @BeforeAll
    static void start() {
        assumeTrue(EmbeddedStack.Backend.configured() == EmbeddedStack.Backend.EMBEDDED,
                "three brokers run on the embedded backend only");
        pipeline = Pipeline.start(PipelineOptions.ephemeral(Repository.root(),
                        Repository.target().resolve("replicated-kafka"))
                .withEnvironment(SharedPipeline.environment()).withKafkaBrokers(3));
        faults = new FaultRun(pipeline.client());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theServicesCreateTheTopicsReplicatedThreeTimesNeedingTwoInSync() throws Exception {
        try (Admin admin = admin()) {
            for (String topic : List.of(ORDERS, "flashsale.orders.dlq", "flashsale.sales")) {
                for (TopicPartitionInfo p : describe(admin, topic).partitions()) {
                    assertEquals(3, p.replicas().size(), () -> topic + " " + p);
                }
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                assertEquals("2", admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS)
                        .get(resource).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value(), topic);
            }
        }
    }

    @Test
    void oneBrokerKilledUnderLoad() throws Exception {
        List<Long> gaps = new ArrayList<>();
        balanceLeaders();
        faults.run("one Kafka broker SIGKILL (of 3)", load -> {
            KafkaServer leader = busiestLeader();
            long killed = System.nanoTime();
            leader.kill();
            FaultRun.hold(FaultRun.OUTAGE);
            long ended = System.nanoTime();
            // Orders on the other brokers' partitions keep being accepted: the longest wait for a 202.
            long previous = killed;
            for (PipelineClient.Outcome o : FaultRun.answersBetween(load, Long.MIN_VALUE, ended).stream()
                    .filter(o -> o.status() == 202 && o.endNanos() > killed)
                    .sorted(Comparator.comparingLong(PipelineClient.Outcome::endNanos)).toList()) {
                gaps.add(o.endNanos() - previous);
                previous = o.endNanos();
            }
            gaps.add(ended - previous);
            leader.start();
            awaitInSync();
        });
        long longest = gaps.stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("one broker down: %d × 202 in the %d s after the kill, longest gap between two %.2f s%n",
                gaps.size() - 1, FaultRun.OUTAGE.toSeconds(), longest / 1e9);
        assertTrue(longest < ONE_DOWN_GAP.toNanos(), () -> "no 202 for " + longest / 1e9 + " s after the kill");
    }

    @Test
    void twoBrokersKilledNothingIsAccepted() throws Exception {
        List<PipelineClient.Outcome> during = new ArrayList<>();
        faults.run("two Kafka brokers SIGKILL (of 3)", load -> {
            List<KafkaServer> killed = pipeline.stack().kafkaBrokers().subList(0, 2);
            killed.forEach(KafkaServer::kill);
            during.addAll(FaultRun.answersDuringOutage(load));
            killed.forEach(KafkaServer::start);
            awaitInSync();
        });
        assertTrue(during.size() > 10, "the load kept coming during the outage");
        Map<String, Long> kinds = during.stream()
                .collect(Collectors.groupingBy(PipelineClient.Outcome::kind, Collectors.counting()));
        during.forEach(o -> assertEquals(503, o.status(), () -> "answered " + o + " with two brokers down; " + kinds));
        during.forEach(o -> assertTrue(o.nanos() < Duration.ofSeconds(12).toNanos(), () -> "waited " + o));
    }

    /** The broker leading most partitions of the orders' topic. */
    private static KafkaServer busiestLeader() throws Exception {
        try (Admin admin = admin()) {
            Map<Integer, Long> led = describe(admin, ORDERS).partitions().stream()
                    .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
            int busiest = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            Map<Integer, KafkaServer> byId = pipeline.stack().kafkaBrokers().stream()
                    .collect(Collectors.toMap(KafkaServer::nodeId, Function.identity()));
            return byId.get(busiest);
        }
    }

    /**
     * Leadership back on each partition's preferred replica, so that every broker leads some partitions: after
     * a restart the survivors lead them all until Kafka's own rebalance (leader.imbalance.check.interval.seconds,
     * 300 s), and killing one of them would then stop every partition at once.
     */
    private static void balanceLeaders() {
        await("each broker leads some of the orders' partitions").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> {
                    try (Admin admin = admin()) {
                        Set<TopicPartition> partitions = describe(admin, ORDERS).partitions().stream()
                                .map(p -> new TopicPartition(ORDERS, p.partition())).collect(Collectors.toSet());
                        admin.electLeaders(ElectionType.PREFERRED, partitions).partitions().get(30, TimeUnit.SECONDS);
                        return describe(admin, ORDERS).partitions().stream().map(p -> p.leader().id())
                                .collect(Collectors.toSet()).size() == 3;
                    }
                });
    }

    /** Until every partition of the orders' topic has its three replicas in sync again. */
    private static void awaitInSync() {
        await("the brokers back in sync").atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            try (Admin admin = admin()) {
                return describe(admin, ORDERS).partitions().stream().allMatch(p -> p.isr().size() == 3);
            }
        });
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.stack().kafkaBootstrapServers(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }
}
