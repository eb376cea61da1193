package io.flashsale.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.flashsale.stack.KeycloakServer;
import io.flashsale.tools.Api;
import io.flashsale.tools.pipeline.PipelineClient;

/**
 * deploy/compose/compose.yaml, run: Kafka, Redis, PostgreSQL, Keycloak, the three services' images and
 * Prometheus come up on this machine's Docker (every service but Grafana, whose image cannot be had where
 * there is no registry; its provisioning is checked statically by deploy/k8s's ComposeTest). An order
 * placed through the composed gateway becomes CONFIRMED, Prometheus scrapes the three services and loads
 * the alert rules, the sale reconciles to drift 0, and everything, volumes included, is torn down.
 *
 * <p>Images: the services' {@code flashsale/<service>:<project version>}, which the build makes with
 * {@code -Dquarkus.container-image.build=true}; the others as compose.yaml names them, or as the
 * {@code FLASHSALE_IMAGE_*} variables of this JVM's environment say (deploy/containers/standins.env).
 * Skipped, with the reason, where there is no Docker engine or the services' images were not built;
 * {@code -Dcompose.required=true} (the container pass of .ci/run) makes either a failure.
 */
class ComposeIT {

    private static final Duration UP = Duration.ofMinutes(10);
    private static final List<String> SERVICES = List.of("gateway-service", "order-service", "inventory-service");
    private static final List<String> STARTED = List.of("kafka", "redis", "postgres", "keycloak", "order-service",
            "inventory-service", "gateway-service", "prometheus-rules", "prometheus");

    private static List<String> compose;
    private static String project;
    private static final Map<String, String> ENV = new LinkedHashMap<>();
    private static boolean up;
    private static String skipped;
    private static final Instant T0 = Instant.now();

    @BeforeAll
    static void up() throws Exception {
        boolean required = Boolean.getBoolean("compose.required");
        String why = unavailable();
        if (why != null) {
            if (required) {
                fail("ComposeIT is required (-Dcompose.required) but " + why);
            }
            skip(why);
            return;
        }
        String version = System.getProperty("flashsale.version");
        ENV.put("FLASHSALE_VERSION", version);
        project = "flashsale-it-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> missing = missingImages();
        if (!missing.isEmpty()) {
            String reason = "images not on this Docker engine and not pullable: " + missing + "; the services' are built by "
                    + "./mvnw package -DskipTests -Dquarkus.container-image.build=true, stand-ins for the others by "
                    + "deploy/containers/build-standins, named by exporting deploy/containers/standins.env "
                    + "(README.md, 'Containers')";
            if (required) {
                fail(reason);
            }
            skip(reason);
            return;
        }
        for (String port : List.of("GATEWAY_PORT", "ORDER_PORT", "INVENTORY_PORT", "KEYCLOAK_PORT", "PROMETHEUS_PORT",
                "GRAFANA_PORT")) {
            ENV.put(port, Integer.toString(freePort()));
        }
        // The JVM's pid is in the project's name: deploy/containers/sweep removes a project whose JVM is gone.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (ComposeIT.up) {
                    compose(Duration.ofMinutes(2), "down", "-v", "--remove-orphans", "--timeout", "5");
                }
            } catch (Exception e) {
                // The sweep removes what is left.
            }
        }, "compose-down"));
        List<String> up = new ArrayList<>(List.of("up", "-d"));
        up.addAll(STARTED);
        log("up " + String.join(" ", STARTED) + " (project " + project + ", images " + images() + ")");
        Result result = compose(UP, up.toArray(String[]::new));
        ComposeIT.up = true;
        assertEquals(0, result.code(), () -> "docker compose up failed:\n" + result.output() + logs());
        await("the three services are healthy").atMost(UP).pollInterval(Duration.ofSeconds(2))
                .until(ComposeIT::allHealthy);
        log("all healthy");
    }

    /** Skipped, not failed: the test reports itself skipped, with the reason, in the build's summary. */
    private static void skip(String reason) {
        skipped = reason;
        System.out.println("[compose] SKIPPED: " + reason);
    }

    @AfterAll
    static void down() throws Exception {
        if (!up) {
            return;
        }
        Result down = compose(Duration.ofMinutes(5), "down", "-v", "--remove-orphans", "--timeout", "20");
        up = false;
        assertEquals(0, down.code(), down::output);
        Result left = run(Duration.ofSeconds(30), "docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + project);
        Result volumes = run(Duration.ofSeconds(30), "docker", "volume", "ls", "-q", "--filter",
                "label=com.docker.compose.project=" + project);
        assertEquals("", left.output().strip(), "containers left by " + project);
        assertEquals("", volumes.output().strip(), "volumes left by " + project);
        log("down -v: no container, no volume left");
    }

    @Test
    void anOrderThroughTheComposedGatewayIsConfirmedScrapedAndReconciled() throws Exception {
        Assumptions.assumeTrue(skipped == null, () -> "ComposeIT skipped: " + skipped);
        String issuer = "http://localhost:" + ENV.get("KEYCLOAK_PORT") + "/realms/flashsale";
        Api admin = new Api().as(KeycloakServer.passwordToken(issuer, "adam", "adam"));
        Api alice = new Api().as(KeycloakServer.passwordToken(issuer, "alice", "alice"));
        Api ops = new Api().as(KeycloakServer.passwordToken(issuer, "olivia", "olivia"));
        String gateway = "http://localhost:" + ENV.get("GATEWAY_PORT");
        String inventory = "http://localhost:" + ENV.get("INVENTORY_PORT");

        String saleId = "compose-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = admin.post(inventory + "/api/admin/sales", PipelineClient.openSale(saleId, 5, 1));
        assertEquals(201, created.status(), created.body());
        log("sale " + saleId + " created: " + created.status());

        // The gateway learns of the new sale from Kafka; until then it may not know it.
        Api.Answer[] placed = new Api.Answer[1];
        await("the composed gateway accepts an order").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> (placed[0] = alice.post(gateway + "/api/sales/" + saleId + "/orders", "{\"quantity\":1}"))
                        .status() != 404 || !placed[0].body().contains("sale-not-found"));
        assertEquals(202, placed[0].status(), placed[0].body());
        String orderId = placed[0].json().get("orderId").asText();
        log("order " + orderId + ": 202");

        await("the order is CONFIRMED").atMost(Duration.ofSeconds(60)).until(() -> "CONFIRMED".equals(
                alice.get(gateway + "/api/orders/" + orderId).json().path("status").asText()));
        log("order " + orderId + ": CONFIRMED");

        String prometheus = "http://localhost:" + ENV.get("PROMETHEUS_PORT");
        Api anyone = new Api();
        await("Prometheus scrapes the three services").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> upJobs(anyone.get(prometheus + "/api/v1/targets").json()).containsAll(SERVICES));
        log("Prometheus targets up: " + upJobs(anyone.get(prometheus + "/api/v1/targets").json()));

        int expectedRules = 0;
        JsonNode rule = new YAMLMapper().readTree(
                Repository.root().resolve("deploy/k8s/overlays/prod/prometheus-rule.yaml").toFile());
        for (JsonNode group : rule.path("spec").path("groups")) {
            expectedRules += group.path("rules").size();
        }
        int loaded = 0;
        for (JsonNode group : anyone.get(prometheus + "/api/v1/rules").json().path("data").path("groups")) {
            loaded += group.path("rules").size();
        }
        assertTrue(expectedRules > 0);
        assertEquals(expectedRules, loaded, "Prometheus loads every alert rule of the prod overlay's PrometheusRule");
        log("Prometheus rules loaded: " + loaded);

        Api.Answer run = ops.post(inventory + "/api/reconciliation/run?saleId=" + saleId, null);
        assertEquals(200, run.status(), run.body());
        JsonNode report = null;
        for (JsonNode r : run.json()) {
            if (saleId.equals(r.path("saleId").asText())) {
                report = r;
            }
        }
        assertTrue(report != null, run.body());
        assertEquals(0, report.path("drift").asLong(), report.toString());
        assertEquals(1, report.path("persisted").asLong(), report.toString());
        assertEquals(4, report.path("redisAvailable").asLong(), report.toString());
        log("reconciled: drift " + report.path("drift") + ", persisted " + report.path("persisted") + ", Redis available "
                + report.path("redisAvailable"));
    }

    private static Set<String> upJobs(JsonNode targets) {
        Set<String> jobs = new HashSet<>();
        for (JsonNode t : targets.path("data").path("activeTargets")) {
            if ("up".equals(t.path("health").asText())) {
                jobs.add(t.path("labels").path("job").asText());
            }
        }
        return jobs;
    }

    /** The images the started services need, as Compose resolves them here, that are neither present nor pullable. */
    private static List<String> missingImages() throws Exception {
        Result config = compose(Duration.ofSeconds(60), "config");
        assertEquals(0, config.code(), () -> "docker compose config failed: " + config.output());
        JsonNode services = new YAMLMapper().readTree(config.output()).path("services");
        List<String> missing = new ArrayList<>();
        for (String service : STARTED) {
            String image = services.path(service).path("image").asText();
            if (image.isEmpty()) {
                fail(service + " names no image in compose.yaml");
            }
            if (run(Duration.ofSeconds(30), "docker", "image", "inspect", image).code() != 0
                    && (SERVICES.contains(service) || run(Duration.ofMinutes(10), "docker", "pull", image).code() != 0)) {
                missing.add(image);
            }
        }
        return missing;
    }

    private static String images() {
        List<String> named = new ArrayList<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("FLASHSALE_IMAGE_")) {
                named.add(k.substring("FLASHSALE_IMAGE_".length()).toLowerCase(Locale.ROOT) + "=" + v);
            }
        });
        return named.isEmpty() ? "compose.yaml's defaults" : String.join(", ", named.stream().sorted().toList());
    }

    /** Why compose cannot run here, or null. */
    private static String unavailable() throws Exception {
        if (run(Duration.ofSeconds(30), "docker", "info", "--format", "{{.ServerVersion}}").code() != 0) {
            return "no Docker engine answers here (docker info failed): the container pass is skipped";
        }
        if (run(Duration.ofSeconds(30), "docker", "compose", "version").code() == 0) {
            compose = List.of("docker", "compose");
        } else if (run(Duration.ofSeconds(30), "docker-compose", "version").code() == 0) {
            compose = List.of("docker-compose");
        } else {
            return "neither docker compose nor docker-compose is installed";
        }
        return null;
    }

    private static boolean allHealthy() throws Exception {
        for (String service : SERVICES) {
            if (!"healthy".equals(health(service))) {
                return false;
            }
        }
        return true;
    }

    private static String health(String service) throws Exception {
        String id = compose(Duration.ofSeconds(30), "ps", "-q", service).output().strip();
        if (id.isEmpty()) {
            return "absent";
        }
        Result state = run(Duration.ofSeconds(30), "docker", "inspect", "--format", "{{.State.Status}} {{.State.Health.Status}}", id);
        String[] parts = state.output().strip().split(" ");
        if (!"running".equals(parts[0])) {
            fail(service + " is " + parts[0] + logs());
        }
        return parts.length > 1 ? parts[1] : "";
    }

    private static String logs() {
        try {
            return "\n--- docker compose logs --tail 30:\n" + compose(Duration.ofSeconds(60), "logs", "--no-color", "--tail", "30").output();
        } catch (Exception e) {
            return "";
        }
    }

    private static Result compose(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-p", project, "-f", Repository.root().resolve("deploy/compose/compose.yaml").toString()));
        command.addAll(List.of(args));
        return run(timeout, command.toArray(String[]::new));
    }

    record Result(int code, String output) {
    }

    private static Result run(Duration timeout, String... command) throws Exception {
        ProcessBuilder builder;
        try {
            builder = new ProcessBuilder(command).redirectErrorStream(true);
        } catch (RuntimeException e) {
            return new Result(-1, e.getMessage());
        }
        builder.environment().putAll(ENV);
        Path out = Files.createTempFile("compose", ".log");
        builder.redirectOutput(out.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            Files.deleteIfExists(out);
            return new Result(-1, e.getMessage());
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Result(process.isAlive() ? -1 : process.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void log(String line) {
        System.out.printf("[compose] %5.1f s  %s%n", Duration.between(T0, Instant.now()).toMillis() / 1000.0, line);
    }
}
