package io.flashsale.tools.pipeline;

import java.nio.file.Path;
import java.util.Map;

import io.flashsale.stack.EmbeddedStack;

/**
 * Where the pipeline runs: its data directory and ports (0 = any free port).
 *
 * @param home          the project checkout, where the service jars are built
 * @param dataDir       all data and logs of the stack and the services
 * @param fresh         start from empty data instead of what a previous run left
 * @param environment   extra environment of every service (configuration overrides)
 * @param durableRedis  Redis keeps an append-only file, so that a restart keeps its data
 * @param kafkaBrokers  Kafka as 1 broker or 3 (replication factor 3, two in-sync replicas required)
 * @param redisCluster  Redis as a cluster of three masters with a replica each, not one server; by default as
 *                      {@code -Dredis} / {@code FLASHSALE_REDIS} say
 */
public record PipelineOptions(Path home, Path dataDir, boolean fresh, int gatewayPort, int orderPort, int inventoryPort,
        int kafkaPort, int redisPort, int postgresPort, int keycloakPort, Map<String, String> environment,
        boolean durableRedis, int kafkaBrokers, boolean redisCluster) {

    public static PipelineOptions defaults(Path home) {
        return new PipelineOptions(home, home.resolve(".flashsale"), false, 8080, 8081, 8082, 19092, 16379, 15432,
                18180, Map.of(), true, 1, EmbeddedStack.redisClusterConfigured());
    }

    /** Every port free, fresh data, a Redis that a test may make lose its data: what tests use. */
    public static PipelineOptions ephemeral(Path home, Path dataDir) {
        return new PipelineOptions(home, dataDir, true, 0, 0, 0, 0, 0, 0, 0, Map.of(), false, 1,
                EmbeddedStack.redisClusterConfigured());
    }

    public PipelineOptions withEnvironment(Map<String, String> extra) {
        return new PipelineOptions(home, dataDir, fresh, gatewayPort, orderPort, inventoryPort, kafkaPort, redisPort,
                postgresPort, keycloakPort, Map.copyOf(extra), durableRedis, kafkaBrokers, redisCluster);
    }

    public PipelineOptions withKafkaBrokers(int brokers) {
        return new PipelineOptions(home, dataDir, fresh, gatewayPort, orderPort, inventoryPort, kafkaPort, redisPort,
                postgresPort, keycloakPort, environment, durableRedis, brokers, redisCluster);
    }

    public PipelineOptions withRedisCluster(boolean cluster) {
        return new PipelineOptions(home, dataDir, fresh, gatewayPort, orderPort, inventoryPort, kafkaPort, redisPort,
                postgresPort, keycloakPort, environment, durableRedis, kafkaBrokers, cluster);
    }
}
