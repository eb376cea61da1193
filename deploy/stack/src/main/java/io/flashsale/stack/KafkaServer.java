package io.flashsale.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one JVM), run from the jars
 * that {@code flashsale-kafka-broker} resolved from Maven Central, or in the containers backend the image of
 * {@link ContainerImages#kafka()} through Testcontainers' {@code KafkaContainer}. One node of the stack's
 * {@link KafkaQuorum}: alone, or one of three (embedded backend only).
 */
public final class KafkaServer extends Server {

    private static final String CLASSPATH_RESOURCE = "io/flashsale/stack/kafka-broker.classpath";

    private final KafkaQuorum quorum;
    private final KafkaQuorum.Node node;

    KafkaServer(String name, Path dir, Path runDir, KafkaQuorum quorum, KafkaQuorum.Node node) {
        super(name, dir, runDir, node.port());
        this.quorum = quorum;
        this.node = node;
    }

    /** This broker's own address; {@link EmbeddedStack#kafkaBootstrapServers()} names every broker. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port();
    }

    /** This broker's {@code node.id}. */
    public int nodeId() {
        return node.id();
    }

    @Override
    protected void prepare() throws IOException {
        Path properties = dir().resolve("server.properties");
        Files.writeString(properties, serverProperties());
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            // Formatted once, with the voters of server.properties and the cluster's id (shared by every node).
            List<String> format = new ArrayList<>(java());
            format.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                    "-t", quorum.clusterId(), "-c", properties.toString()));
            ChildProcess.run(format.toArray(String[]::new));
        }
    }

    private Path dataDir() {
        return dir().resolve("data");
    }

    private String serverProperties() {
        int replicas = quorum.replicationFactor();
        int minInsync = quorum.minInsyncReplicas();
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=" + node.id(),
                "controller.quorum.voters=" + quorum.voters(),
                "listeners=PLAINTEXT://127.0.0.1:" + port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir(),
                "num.partitions=1",
                // The project creates its topics; a typo must not create one silently.
                "auto.create.topics.enable=false",
                "default.replication.factor=" + replicas,
                "min.insync.replicas=" + minInsync,
                "offsets.topic.replication.factor=" + replicas,
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=" + replicas,
                "transaction.state.log.min.isr=" + minInsync,
                "share.coordinator.state.topic.replication.factor=" + replicas,
                "share.coordinator.state.topic.min.isr=" + minInsync,
                "group.initial.rebalance.delay.ms=0"));
        if (quorum.size() > 1) {
            // A killed broker is fenced, and its partitions led elsewhere, within 4 s instead of the default 9:
            // on loopback a heartbeat does not get lost. Production keeps Kafka's defaults (docs/reliability.md).
            lines.add("broker.heartbeat.interval.ms=1000");
            lines.add("broker.session.timeout.ms=4000");
        }
        lines.add("");
        return String.join("\n", lines);
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(java());
        command.add("kafka.Kafka");
        command.add(dir().resolve("server.properties").toString());
        return command;
    }

    private static List<String> java() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-cp", brokerClasspath());
    }

    private static String brokerClasspath() {
        try (InputStream in = KafkaServer.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new StackException("kafka: " + CLASSPATH_RESOURCE + " is missing; build deploy/kafka-broker");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new StackException("kafka: cannot read the broker class path: " + e.getMessage(), e);
        }
    }

    @Override
    protected GenericContainer<?> container() {
        return new KafkaContainer(DockerImageName.parse(ContainerImages.kafka()).asCompatibleSubstituteFor("apache/kafka"))
                // As the embedded broker: the project creates its topics, and a typo must not create one.
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "4")
                .withEnv("KAFKA_HEAP_OPTS", "-Xms128m -Xmx512m");
    }

    @Override
    protected int containerPort() {
        return 9092;
    }

    @Override
    protected List<String> stopInContainer() {
        // KafkaContainer runs the broker under a shell (its first process), which would not pass SIGTERM on.
        return List.of("sh", "-c", "kill -TERM -1");
    }

    @Override
    protected boolean isReady() {
        return logContains("Kafka Server started") && Ports.isOpen(port());
    }
}
