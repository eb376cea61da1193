package io.flashsale.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.flashsale.stack.EmbeddedStack;
import io.flashsale.stack.Ports;
import io.flashsale.stack.PostgresServer;
import io.flashsale.stack.Server;

/** The embedded stack and the three services on it, started and stopped as one. */
final class Pipeline implements AutoCloseable {

    private final PipelineOptions options;
    private final EmbeddedStack stack;
    private final Map<String, String> common = new LinkedHashMap<>();
    private final Path services;
    private final Path run;
    private final int orderPort;
    private final List<ServiceServer> extraGateways = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ServiceServer gateway;
    private final ServiceServer orders;
    private final ServiceServer inventory;

    private Pipeline(PipelineOptions options) {
        this.options = options;
        this.stack = EmbeddedStack.builder()
                .dir(options.dataDir())
                .fresh(options.fresh())
                .redisPersistent(options.durableRedis())
                .kafkaPort(options.kafkaPort())
                .redisPort(options.redisPort())
                .postgresPort(options.postgresPort())
                .build();
        this.services = options.dataDir().resolve("services");
        this.run = stack.dir().resolve("run");
        this.orderPort = port(options.orderPort());
        common.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
        common.put("QUARKUS_REDIS_HOSTS", stack.redis().uri());
        common.put("QUARKUS_DATASOURCE_JDBC_URL", stack.postgres().jdbcUrl());
        common.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        common.put("QUARKUS_DATASOURCE_PASSWORD", "");
        // The jars run in the prod profile, whose console logs are JSON for a log collector; these go to
        // files that people read.
        common.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        common.putAll(options.environment());
        this.orders = service(options, "order-service", services, run, orderPort, common, Map.of());
        this.inventory = service(options, "inventory-service", services, run, port(options.inventoryPort()), common,
                Map.of());
        this.gateway = gateway("gateway-service", port(options.gatewayPort()));
    }

    private ServiceServer gateway(String name, int port) {
        return service(options, "gateway-service", name, services, run, port, common,
                Map.of("QUARKUS_REST_CLIENT_ORDER_SERVICE_URL", "http://127.0.0.1:" + orderPort));
    }

    /**
     * Starts one more gateway on a free port, on the same Redis, Kafka and order-service, as a
     * second replica behind a load balancer would be; {@link #close()} stops it too.
     */
    ServiceServer addGateway() {
        ServiceServer extra = gateway("gateway-service-" + (extraGateways.size() + 2), Ports.free());
        extraGateways.add(extra);
        extra.start();
        return extra;
    }

    static Pipeline start(PipelineOptions options) {
        Pipeline pipeline = new Pipeline(options);
        try {
            pipeline.stack.start();
            // order-service and inventory-service migrate their own schemas; the gateway needs neither.
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(pipeline.orders::start),
                    CompletableFuture.runAsync(pipeline.inventory::start),
                    CompletableFuture.runAsync(pipeline.gateway::start)).join();
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static int port(int configured) {
        return configured > 0 ? configured : Ports.free();
    }

    private static ServiceServer service(PipelineOptions options, String name, Path dir, Path run, int port,
            Map<String, String> common, Map<String, String> extra) {
        return service(options, name, name, dir, run, port, common, extra);
    }

    /** {@code module} is the service's Maven module (its jar), {@code name} the process' name and directory. */
    private static ServiceServer service(PipelineOptions options, String module, String name, Path dir, Path run,
            int port, Map<String, String> common, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(common);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.putAll(extra);
        Path jar = options.home().resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
        return new ServiceServer(name, jar, dir.resolve(name), run, port, env);
    }

    EmbeddedStack stack() {
        return stack;
    }

    ServiceServer gateway() {
        return gateway;
    }

    ServiceServer orders() {
        return orders;
    }

    ServiceServer inventory() {
        return inventory;
    }

    /** Stops the gateways {@link #addGateway()} started. */
    void stopExtraGateways() {
        extraGateways.forEach(ServiceServer::stop);
        extraGateways.clear();
    }

    /** Gateways started by {@link #addGateway()}. */
    List<ServiceServer> extraGateways() {
        return List.copyOf(extraGateways);
    }

    /** Every process, services first. */
    List<Server> servers() {
        List<Server> all = new java.util.ArrayList<>(List.of(gateway, orders, inventory));
        all.addAll(extraGateways);
        all.addAll(stack.servers());
        return all;
    }

    /** Stops the services (so they finish in-flight work) and then the stack. */
    @Override
    public void close() {
        extraGateways.forEach(ServiceServer::stop);
        CompletableFuture.allOf(
                CompletableFuture.runAsync(gateway::stop),
                CompletableFuture.runAsync(orders::stop),
                CompletableFuture.runAsync(inventory::stop)).join();
        stack.close();
    }
}
