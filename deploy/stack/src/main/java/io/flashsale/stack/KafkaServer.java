package io.flashsale.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one JVM), run from the jars
 * that {@code flashsale-kafka-broker} resolved from Maven Central, or in the containers backend the image of
 * {@link ContainerImages#kafka()} through Testcontainers' {@code KafkaContainer}.
 */
public final class KafkaServer extends Server {

    private static final String CLASSPATH_RESOURCE = "io/flashsale/stack/kafka-broker.classpath";

    private final int controllerPort;

    KafkaServer(Path dir, Path runDir, int port, int controllerPort) {
        super("kafka", dir, runDir, port);
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port();
    }

    @Override
    protected void prepare() throws IOException {
        Path properties = dir().resolve("server.properties");
        Files.writeString(properties, serverProperties());
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            // A single-node KRaft quorum: formatted once with the voters of server.properties.
            List<String> format = new ArrayList<>(java());
            format.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                    "-t", clusterId(), "-c", properties.toString()));
            ChildProcess.run(format.toArray(String[]::new));
        }
    }

    private Path dataDir() {
        return dir().resolve("data");
    }

    private String serverProperties() {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port() + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir(),
                "num.partitions=1",
                // The project creates its topics; a typo must not create one silently.
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
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

    /**
     * A random cluster id, as Kafka's own {@code Uuid.randomUuid()} makes them: never starting with
     * '-', which the storage tool's argument parser would take for an option (one start in 64 failed so).
     */
    static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
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
