package io.flashsale.tools.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.flashsale.stack.EmbeddedStack;
import io.flashsale.stack.KeycloakServer;
import io.flashsale.stack.Ports;
import io.flashsale.stack.Server;

/**
 * The embedded stack and the three services on it, started and stopped as one. Each service's management
 * interface (probes, metrics) listens 1000 above its API port (9080, 9081, 9082 by default), or on a free
 * port when the API's is free too.
 */
public final class Pipeline implements AutoCloseable {

    /**
     * The per-address limit of a local stack's gateways: every client of a local stack is 127.0.0.1, one
     * address for all its simulated buyers. The buyer limit stays as configured; the address limit is the
     * Internet's, tested in the gateway's own suite.
     */
    public static final String LOCAL_ADDRESS_RATE = "10000000";

    private final PipelineOptions options;
    private final EmbeddedStack stack;
    private final Map<String, String> common = new LinkedHashMap<>();
    private final Path services;
    private final Path run;
    private final int orderPort;
    private final List<ServiceServer> extraGateways = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ServiceServer> extraReplicas = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ServiceServer gateway;
    private final ServiceServer orders;
    private final ServiceServer inventory;
    private final Tokens tokens;

    private Pipeline(PipelineOptions options) {
        this.options = options;
        this.stack = EmbeddedStack.builder()
                .dir(options.dataDir())
                .fresh(options.fresh())
                .redisPersistent(options.durableRedis())
                .redisCluster(options.redisCluster())
                .kafkaPort(options.kafkaPort())
                .kafkaBrokers(options.kafkaBrokers())
                .redisPort(options.redisPort())
                .postgresPort(options.postgresPort())
                .keycloakPort(options.keycloakPort())
                .build();
        this.services = options.dataDir().resolve("services");
        this.run = stack.dir().resolve("run");
        this.orderPort = port(options.orderPort());
        // The stack's wiring (Kafka, Redis, PostgreSQL, the provider), as the environment variables of its keys.
        stack.quarkusConfig().forEach((key, value) -> common.put(environmentName(key), value));
        common.put("FLASHSALE_RATE_LIMIT_ADDRESS_RATE", LOCAL_ADDRESS_RATE);
        common.put("FLASHSALE_RATE_LIMIT_ADDRESS_BURST", LOCAL_ADDRESS_RATE);
        // The jars run in the prod profile, whose console logs are JSON for a log collector; these go to
        // files that people read.
        common.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        this.orders = service(options, "order-service", services, run, orderPort, management(options.orderPort()),
                common, Map.of());
        int inventoryPort = port(options.inventoryPort());
        this.inventory = service(options, "inventory-service", services, run, inventoryPort,
                management(options.inventoryPort()), common, inventoryEnvironment());
        this.gateway = gateway("gateway-service", port(options.gatewayPort()), management(options.gatewayPort()));
        this.tokens = Tokens.of(stack.keycloak());
    }

    private static Map<String, String> inventoryEnvironment() {
        return Map.of("QUARKUS_OIDC_DASHBOARD_CREDENTIALS_SECRET", KeycloakServer.clientSecret("flashsale-inventory-service"));
    }

    private ServiceServer gateway(String name, int port, int managementPort) {
        return service(options, "gateway-service", name, services, run, port, managementPort, common,
                Map.of("QUARKUS_REST_CLIENT_ORDER_SERVICE_URL", "http://127.0.0.1:" + orderPort,
                        "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", KeycloakServer.clientSecret("flashsale-gateway")));
    }

    /** The environment variable Quarkus reads for a configuration key: {@code a.b-c} is {@code A_B_C}. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static int management(int configuredPort) {
        return configuredPort > 0 ? configuredPort + 1000 : Ports.free();
    }

    /**
     * Starts one more gateway on a free port, on the same Redis, Kafka and order-service, as a
     * second replica behind a load balancer would be; {@link #close()} stops it too.
     */
    public ServiceServer addGateway() {
        ServiceServer extra = gateway("gateway-service-" + (extraGateways.size() + 2), Ports.free(), Ports.free());
        extraGateways.add(extra);
        extra.start();
        return extra;
    }

    /**
     * Starts one more order-service on free ports: a second member of the consumer group, which takes its
     * share of the partitions at the next rebalance; {@link #close()} stops it too.
     */
    public ServiceServer addOrderService() {
        return addReplica(service(options, "order-service", replicaName("order-service"), services, run, Ports.free(),
                Ports.free(), common, Map.of()));
    }

    /**
     * Starts one more inventory-service on free ports: a second replica, which reconciles only while it holds
     * the reconciliation lock; {@link #close()} stops it too.
     */
    public ServiceServer addInventory() {
        return addReplica(service(options, "inventory-service", replicaName("inventory-service"), services, run,
                Ports.free(), Ports.free(), common, inventoryEnvironment()));
    }

    /** {@code module-2} for the second replica of a service, {@code module-3} for the third. */
    private String replicaName(String module) {
        return module + "-" + (extraReplicas.stream().filter(r -> r.name().startsWith(module + "-")).count() + 2);
    }

    private ServiceServer addReplica(ServiceServer replica) {
        extraReplicas.add(replica);
        replica.start();
        return replica;
    }

    /** The order-service and inventory-service replicas started by {@link #addOrderService()} and {@link #addInventory()}. */
    public List<ServiceServer> extraReplicas() {
        return List.copyOf(extraReplicas);
    }

    public static Pipeline start(PipelineOptions options) {
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
            int managementPort, Map<String, String> common, Map<String, String> extra) {
        return service(options, name, name, dir, run, port, managementPort, common, extra);
    }

    /** {@code module} is the service's Maven module (its jar), {@code name} the process' name and directory. */
    private static ServiceServer service(PipelineOptions options, String module, String name, Path dir, Path run,
            int port, int managementPort, Map<String, String> common, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(common);
        env.putAll(extra);
        // What the caller configures (--env) wins over the stack's wiring.
        env.putAll(options.environment());
        Path jar = options.home().resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
        return new ServiceServer(name, jar, dir.resolve(name), run, port, managementPort, env);
    }

    public EmbeddedStack stack() {
        return stack;
    }

    /** Tokens of the stack's realm: for simulated buyers and for the tools' own calls. */
    public Tokens tokens() {
        return tokens;
    }

    /** The three services' URLs, and their management interfaces'. */
    public PipelineClient.Endpoints endpoints() {
        return new PipelineClient.Endpoints(gateway.url(), orders.url(), inventory.url(), Map.of(
                "gateway-service", gateway.managementUrl(), "order-service", orders.managementUrl(),
                "inventory-service", inventory.managementUrl()));
    }

    /** A client of the three services' APIs, as the tools. */
    public PipelineClient client() {
        return new PipelineClient(endpoints(), tokens);
    }

    public ServiceServer gateway() {
        return gateway;
    }

    public ServiceServer orders() {
        return orders;
    }

    public ServiceServer inventory() {
        return inventory;
    }

    /** Stops the gateways {@link #addGateway()} started. */
    public void stopExtraGateways() {
        extraGateways.forEach(ServiceServer::stop);
        extraGateways.clear();
    }

    /** Gateways started by {@link #addGateway()}. */
    public List<ServiceServer> extraGateways() {
        return List.copyOf(extraGateways);
    }

    /** Every process, services first. */
    public List<Server> servers() {
        List<Server> all = new java.util.ArrayList<>(List.of(gateway, orders, inventory));
        all.addAll(extraGateways);
        all.addAll(extraReplicas);
        all.addAll(stack.servers());
        return all;
    }

    /** Stops the services (so they finish in-flight work) and then the stack. */
    @Override
    public void close() {
        extraGateways.forEach(ServiceServer::stop);
        extraReplicas.forEach(ServiceServer::stop);
        CompletableFuture.allOf(
                CompletableFuture.runAsync(gateway::stop),
                CompletableFuture.runAsync(orders::stop),
                CompletableFuture.runAsync(inventory::stop)).join();
        stack.close();
    }
}
