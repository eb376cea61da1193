package io.flashsale.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What can go wrong in deploy/compose without running it (system-tests' ComposeIT runs it where there is
 * Docker): the files it mounts exist, every name it uses is a service of the file, and the services,
 * Keycloak, Prometheus and Grafana agree on ports, addresses, paths and secrets. Read with no variable
 * set, as Compose reads it on a machine with a registry (the official images, the default ports).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> SERVICES = OverlayContract.SERVICES;
    private static final Pattern RULES_OUTPUT = Pattern.compile("yq '\\.spec' (\\S+) > (\\S+)");

    private Path repo;
    private Path composeDir;
    private JsonNode services;
    private JsonNode prometheus;

    @BeforeAll
    void read() throws IOException {
        repo = OverlayContract.k8sDir().resolve("../..").normalize();
        composeDir = repo.resolve("deploy/compose");
        JsonNode compose = compose();
        services = compose.get("services");
        prometheus = YAML.readTree(composeDir.resolve("prometheus.yml").toFile());
    }

    @Test
    void everyDependencyIsAServiceOfTheFileInAStateItCanReach() {
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(s -> {
            JsonNode dependsOn = s.getValue().path("depends_on");
            List<String> targets = new ArrayList<>();
            if (dependsOn.isArray()) {
                dependsOn.forEach(t -> targets.add(t.asText()));
            } else {
                dependsOn.fieldNames().forEachRemaining(targets::add);
            }
            for (String target : targets) {
                JsonNode other = services.get(target);
                String condition = dependsOn.path(target).path("condition").asText("service_started");
                if (other == null) {
                    problems.add(s.getKey() + " depends on " + target + ", which is not a service");
                } else if (condition.equals("service_healthy") && other.get("healthcheck") == null) {
                    problems.add(s.getKey() + " waits for " + target + " to be healthy, which has no healthcheck");
                } else if (condition.equals("service_completed_successfully") && other.has("ports")) {
                    problems.add(s.getKey() + " waits for " + target + " to exit, which is a server");
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyFileMountedFromTheRepositoryExistsAndEveryNamedVolumeIsDeclared() throws IOException {
        JsonNode declared = compose().path("volumes");
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(s -> s.getValue().path("volumes").forEach(v -> {
            String source = v.asText().split(":")[0];
            if (source.startsWith(".")) {
                if (!Files.exists(composeDir.resolve(source))) {
                    problems.add(s.getKey() + " mounts " + source + ", which does not exist");
                }
            } else if (!declared.has(source)) {
                problems.add(s.getKey() + " mounts volume " + source + ", which is not declared");
            }
        }));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyImageIsPinnedToATag() {
        services.fields().forEachRemaining(s -> {
            JsonNode image = s.getValue().get("image");
            if (image != null) {
                String tag = image.asText().contains(":") ? image.asText().substring(image.asText().lastIndexOf(':') + 1) : "";
                assertFalse(tag.isEmpty() || tag.equals("latest"), s.getKey() + ": " + image.asText());
            }
        });
    }

    @Test
    void eachServiceListensWhereItsPortMappingAndPrometheusLook() throws IOException {
        for (String name : SERVICES) {
            String port = configuredPort(name);
            assertEquals(port, env(name, "QUARKUS_HTTP_PORT"), name + ": QUARKUS_HTTP_PORT");
            assertEquals(List.of("127.0.0.1:" + port + ":" + port), list(service(name).get("ports")),
                    name + " publishes " + port + ", on this machine only");

            // Metrics and health are on the management interface, not on the published port.
            String management = Repository.managementPort(name);
            assertEquals(management, env(name, "QUARKUS_MANAGEMENT_PORT"), name + ": QUARKUS_MANAGEMENT_PORT");
            JsonNode job = scrapeJob(name).orElseThrow(() -> new AssertionError("Prometheus does not scrape " + name));
            assertEquals("/q/metrics", job.get("metrics_path").asText(), name);
            assertEquals(List.of(name + ":" + management), list(job.get("static_configs").get(0).get("targets")), name);

            String health = String.join(" ", list(service(name).path("healthcheck").get("test")));
            assertTrue(health.contains("/q/health/ready") && health.contains("QUARKUS_MANAGEMENT_PORT"),
                    name + " checks its readiness on the management port: " + health);
        }
        for (JsonNode job : prometheus.get("scrape_configs")) {
            String target = job.get("static_configs").get(0).get("targets").get(0).asText();
            assertNotNull(services.get(target.split(":")[0]), "scrape target " + target + " is a service");
        }
    }

    @Test
    void theServicesAreToldWhereKafkaRedisPostgresqlAndEachOtherAre() throws IOException {
        String advertised = env("kafka", "KAFKA_ADVERTISED_LISTENERS");
        JsonNode postgres = service("postgres").get("environment");
        for (String name : SERVICES) {
            assertTrue(advertised.endsWith("//" + env(name, "KAFKA_BOOTSTRAP_SERVERS")),
                    name + " reaches Kafka where it advertises itself: " + advertised);
        }
        for (String name : List.of("gateway-service", "inventory-service")) {
            assertEquals("redis://redis:6379", env(name, "QUARKUS_REDIS_HOSTS"), name);
        }
        for (String name : List.of("order-service", "inventory-service")) {
            assertEquals("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB").asText(),
                    env(name, "QUARKUS_DATASOURCE_JDBC_URL"), name);
            assertEquals(postgres.get("POSTGRES_USER").asText(), env(name, "QUARKUS_DATASOURCE_USERNAME"), name);
            assertEquals(postgres.get("POSTGRES_PASSWORD").asText(), env(name, "QUARKUS_DATASOURCE_PASSWORD"), name);
        }
        assertEquals("http://order-service:" + configuredPort("order-service"),
                env("gateway-service", "QUARKUS_REST_CLIENT_ORDER_SERVICE_URL"));
    }

    @Test
    void keycloakImportsTheRealmFileOfTheRepositoryWithTheIssuerOfTheTokens() {
        JsonNode keycloak = service("keycloak");
        assertEquals("quay.io/keycloak/keycloak:" + Repository.keycloakVersion(), keycloak.get("image").asText(),
                "the Keycloak of the local stack (keycloak.version in the root pom)");
        List<String> command = list(keycloak.get("command"));
        assertEquals("start-dev", command.get(0), command.toString());
        assertTrue(command.contains("--import-realm"), command.toString());
        assertTrue(command.contains("--hostname-backchannel-dynamic=true"),
                "the services get the JWKS and token endpoint at keycloak:8080: " + command);
        String hostname = command.stream().filter(c -> c.startsWith("--hostname=")).findFirst()
                .orElseThrow(() -> new AssertionError("no fixed --hostname: " + command)).substring("--hostname=".length());
        URI issuerBase = URI.create(hostname);
        assertEquals("localhost", issuerBase.getHost(), "the issuer is what a browser or curl on this machine uses");
        int httpPort = command.stream().filter(c -> c.startsWith("--http-port=")).findFirst()
                .map(c -> Integer.parseInt(c.substring("--http-port=".length()))).orElse(8080);
        assertEquals(List.of("127.0.0.1:" + issuerBase.getPort() + ":" + httpPort), list(keycloak.get("ports")),
                "published on the issuer's port, on this machine only");

        String mount = list(keycloak.get("volumes")).stream().filter(v -> v.contains(":/opt/keycloak/data/import/")).findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted into /opt/keycloak/data/import/"));
        assertTrue(mount.endsWith(":ro"), "mounted read-only: " + mount);
        assertEquals(Repository.realmFile(), composeDir.resolve(mount.split(":")[0]).normalize(), "the repository's realm file");

        String health = String.join(" ", list(keycloak.path("healthcheck").get("test")));
        assertTrue(command.contains("--health-enabled=true") && health.contains("/health/ready") && health.contains("9000"),
                "Keycloak's readiness, on its management port: " + health);

        String realm = Repository.realm().path("realm").asText();
        for (String name : SERVICES) {
            assertEquals("http://keycloak:" + httpPort + "/realms/" + realm, env(name, "QUARKUS_OIDC_AUTH_SERVER_URL"), name);
            assertEquals("service_healthy", service(name).path("depends_on").path("keycloak").path("condition").asText(),
                    name + " starts once Keycloak is ready");
        }
        assertEquals(Repository.realmClient(Repository.gatewayClientId()).path("secret").asText(),
                env("gateway-service", "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET"), "the gateway's client secret is the realm file's");
        assertEquals(Repository.realmClient(Repository.dashboardClientId()).path("secret").asText(),
                env("inventory-service", "QUARKUS_OIDC_DASHBOARD_CREDENTIALS_SECRET"), "the dashboard's client secret is the realm file's");
    }

    @Test
    void prometheusLoadsTheAlertRulesOfTheProdOverlay() throws IOException {
        JsonNode rules = service("prometheus-rules");
        Matcher command = RULES_OUTPUT.matcher(list(rules.get("entrypoint")).get(2));
        assertTrue(command.matches(), "the rules service writes the PrometheusRule's spec to a file: " + rules);
        Path source = mountSource(rules, command.group(1)).orElseThrow(() -> new AssertionError("nothing at " + command.group(1)));
        assertEquals(repo.resolve("deploy/k8s/overlays/prod/prometheus-rule.yaml"), source);
        JsonNode rule = YAML.readTree(source.toFile());
        assertEquals("PrometheusRule", rule.get("kind").asText());
        assertTrue(rule.get("spec").get("groups").size() > 0, "the spec is a rules file: groups");

        String written = command.group(2);
        String volume = volumeAt(rules, written).orElseThrow(() -> new AssertionError(written + " is not on a volume"));
        String ruleFile = prometheus.get("rule_files").get(0).asText();
        String mountedAt = list(service("prometheus").get("volumes")).stream()
                .filter(v -> v.startsWith(volume + ":")).findFirst().orElseThrow().split(":")[1];
        assertEquals(mountedAt + written.substring(written.lastIndexOf('/')), ruleFile,
                "Prometheus reads the file the rules service writes");
    }

    @Test
    void grafanaProvisionsPrometheusAndTheDashboardOfDeployGrafana() throws IOException {
        JsonNode grafana = service("grafana");
        JsonNode datasources = YAML.readTree(composeDir.resolve("grafana/datasources/prometheus.yaml").toFile());
        URI url = URI.create(datasources.get("datasources").get(0).get("url").asText());
        assertEquals("prometheus", url.getHost());
        assertTrue(list(service("prometheus").get("ports")).contains("127.0.0.1:" + url.getPort() + ":" + url.getPort()));

        JsonNode provider = YAML.readTree(composeDir.resolve("grafana/dashboards/flashsale.yaml").toFile())
                .get("providers").get(0);
        String path = provider.get("options").get("path").asText();
        Path dashboards = mountSource(grafana, path).orElseThrow(() -> new AssertionError("nothing mounted at " + path));
        assertEquals(repo.resolve("deploy/grafana"), dashboards);
        Path dashboard = dashboards.resolve("flashsale-pipeline.json");
        assertEquals("Flash-sale pipeline", new ObjectMapper().readTree(dashboard.toFile()).get("title").asText());
        assertEquals(path + "/flashsale-pipeline.json",
                env("grafana", "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"), "the home dashboard");
        for (String dir : List.of("datasources", "dashboards")) {
            assertTrue(mountSource(grafana, "/etc/grafana/provisioning/" + dir).isPresent(), "provisioning/" + dir);
        }
    }

    /**
     * compose.yaml as Compose reads it with no variable set, and with its anchors' aliases (healthcheck: *ready)
     * resolved, which Jackson does not.
     */
    private JsonNode compose() throws IOException {
        Object document = new Load(LoadSettings.builder().build()).loadFromString(Repository.composeWithDefaults());
        return YAML.valueToTree(document);
    }

    private JsonNode service(String name) {
        JsonNode service = services.get(name);
        assertNotNull(service, "no service " + name);
        return service;
    }

    private String env(String service, String name) {
        JsonNode value = service(service).path("environment").get(name);
        assertNotNull(value, service + " sets no " + name);
        return value.asText();
    }

    /** quarkus.http.port of the module's application.properties. */
    private String configuredPort(String module) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(repo.resolve(module).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties.getProperty("quarkus.http.port");
    }

    private Optional<JsonNode> scrapeJob(String name) {
        for (JsonNode job : prometheus.get("scrape_configs")) {
            if (job.get("job_name").asText().equals(name)) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    /** The repository path mounted at {@code target} (or at a directory holding it). */
    private Optional<Path> mountSource(JsonNode service, String target) {
        for (String volume : list(service.get("volumes"))) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith(".") && (target.equals(parts[1]) || target.startsWith(parts[1] + "/"))) {
                return Optional.of(composeDir.resolve(parts[0]).resolve(target.substring(parts[1].length()).replaceFirst("^/", ""))
                        .normalize());
            }
        }
        return Optional.empty();
    }

    /** The named volume whose mount holds {@code path}. */
    private static Optional<String> volumeAt(JsonNode service, String path) {
        for (String volume : list(service.get("volumes"))) {
            String[] parts = volume.split(":");
            if (!parts[0].startsWith(".") && path.startsWith(parts[1] + "/")) {
                return Optional.of(parts[0]);
            }
        }
        return Optional.empty();
    }

    private static List<String> list(JsonNode array) {
        List<String> items = new ArrayList<>();
        if (array != null) {
            array.forEach(i -> items.add(i.asText()));
        }
        return items;
    }
}
