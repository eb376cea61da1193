package io.flashsale.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * overlays/prod: Strimzi Kafka, CloudNativePG PostgreSQL, Keycloak and its realm under the Keycloak operator,
 * Redis with AOF; no secret values; a PodMonitor and the alert rules for the Prometheus Operator.
 */
@EnabledIf(value = "io.flashsale.k8s.Kubectl#onPath", disabledReason = OverlayContract.NO_KUBECTL)
class ProdOverlayTest extends OverlayContract {

    private static final String STRIMZI = "kafka.strimzi.io/v1beta2";
    private static final String CNPG = "postgresql.cnpg.io/v1";
    private static final String MONITORING = "monitoring.coreos.com/v1";
    private static final String KEYCLOAK = "k8s.keycloak.org/v2alpha1";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");

    @Override
    String overlay() {
        return "prod";
    }

    @Override
    Set<String> customResourceGroups() {
        return Set.of("kafka.strimzi.io", "postgresql.cnpg.io", "monitoring.coreos.com", "k8s.keycloak.org");
    }

    @Override
    List<Ref> references() {
        List<Ref> refs = new ArrayList<>(super.references());
        for (GenericKubernetesResource cluster : custom(CNPG, "Cluster")) {
            String secret = cluster.get("spec", "bootstrap", "initdb", "secret", "name");
            refs.add(new Ref("Cluster/" + cluster.getMetadata().getName() + " bootstrap.initdb.secret", true, secret));
        }
        for (GenericKubernetesResource keycloak : custom(KEYCLOAK, "Keycloak")) {
            String id = "Keycloak/" + keycloak.getMetadata().getName();
            for (String[] path : List.of(new String[] {"db", "usernameSecret", "name"}, new String[] {"db", "passwordSecret", "name"},
                    new String[] {"http", "tlsSecret"}, new String[] {"ingress", "tlsSecret"},
                    new String[] {"bootstrapAdmin", "user", "secret"})) {
                Object[] full = new Object[path.length + 1];
                full[0] = "spec";
                System.arraycopy(path, 0, full, 1, path.length);
                String secret = keycloak.get(full);
                if (secret != null) {
                    refs.add(new Ref(id + " " + String.join(".", path), true, secret));
                }
            }
            List<Map<String, Object>> options = keycloak.get("spec", "additionalOptions");
            for (Map<String, Object> option : nullSafe(options)) {
                if (option.get("secret") instanceof Map<?, ?> secret) {
                    refs.add(new Ref(id + " additionalOptions " + option.get("name"), true, (String) secret.get("name")));
                }
            }
        }
        for (GenericKubernetesResource realmImport : custom(KEYCLOAK, "KeycloakRealmImport")) {
            Map<String, Map<String, Map<String, String>>> placeholders = realmImport.get("spec", "placeholders");
            if (placeholders != null) {
                placeholders.forEach((name, placeholder) -> refs.add(new Ref("KeycloakRealmImport/"
                        + realmImport.getMetadata().getName() + " placeholder " + name, true, placeholder.get("secret").get("name"))));
            }
        }
        return refs;
    }

    @Test
    void noSecretValueIsInTheOverlay() {
        assertTrue(all(Secret.class).isEmpty(), "prod only refers to Secrets the operator provides");
    }

    @Test
    void kafkaIsAStrimziClusterOfThreeKraftNodesWithReplicatedTopics() {
        List<GenericKubernetesResource> kafkas = custom(STRIMZI, "Kafka");
        assertEquals(1, kafkas.size(), "one Strimzi Kafka");
        String cluster = kafkas.get(0).getMetadata().getName();
        Map<String, Object> config = kafkas.get(0).get("spec", "kafka", "config");
        assertEquals(2, ((Number) config.get("min.insync.replicas")).intValue(), "min.insync.replicas");

        List<GenericKubernetesResource> pools = custom(STRIMZI, "KafkaNodePool");
        assertFalse(pools.isEmpty(), "a KafkaNodePool");
        for (GenericKubernetesResource pool : pools) {
            assertEquals(cluster, pool.getMetadata().getLabels().get("strimzi.io/cluster"));
            assertEquals(3, ((Number) pool.get("spec", "replicas")).intValue(), "nodes");
            assertEquals("kafka", pool.get("spec", "template", "pod", "metadata", "labels", "flashsale.io/datastore"));
        }

        Map<String, GenericKubernetesResource> topics = new HashMap<>();
        custom(STRIMZI, "KafkaTopic").forEach(t -> topics.put(t.get("spec", "topicName"), t));
        assertEquals(Set.of("flashsale.orders.accepted", "flashsale.orders.dlq", "flashsale.sales"), topics.keySet());
        int partitionsOfServices = Integer.parseInt(serviceEnv("order-service").get("FLASHSALE_KAFKA_PARTITIONS"));
        for (GenericKubernetesResource topic : topics.values()) {
            assertEquals(cluster, topic.getMetadata().getLabels().get("strimzi.io/cluster"));
            assertEquals(3, ((Number) topic.get("spec", "replicas")).intValue(), "replicas");
            Map<String, Object> topicConfig = topic.get("spec", "config");
            if ("flashsale.sales".equals(topic.get("spec", "topicName"))) {
                assertEquals(1, ((Number) topic.get("spec", "partitions")).intValue(), "the sales' directory: one partition");
                assertEquals("compact", topicConfig.get("cleanup.policy"), "the sales' directory keeps every sale");
            } else {
                assertEquals(partitionsOfServices, ((Number) topic.get("spec", "partitions")).intValue(),
                        "partitions agree with FLASHSALE_KAFKA_PARTITIONS, so a topic a service created first is adopted");
                assertEquals("delete", topicConfig.get("cleanup.policy"));
            }
        }
    }

    @Test
    void postgresqlIsACloudNativePgClusterWithASynchronousReplica() {
        GenericKubernetesResource cluster = servicesCluster();
        assertEquals(3, ((Number) cluster.get("spec", "instances")).intValue(), "instances");
        assertEquals(1, ((Number) cluster.get("spec", "postgresql", "synchronous", "number")).intValue(), "sync replicas");
        assertEquals("postgresql", cluster.get("spec", "inheritedMetadata", "labels", "flashsale.io/datastore"));
        assertEquals(serviceEnv("order-service").get("QUARKUS_DATASOURCE_JDBC_URL"),
                serviceEnv("inventory-service").get("QUARKUS_DATASOURCE_JDBC_URL"), "both services use the same database");
        // The other Cluster is Keycloak's (keycloakIsRunByItsOperator...): the services' one plus at most that one.
        List<GenericKubernetesResource> clusters = custom(CNPG, "Cluster");
        assertEquals(2, clusters.size(), "the services' CloudNativePG Cluster and Keycloak's");
        for (GenericKubernetesResource any : clusters) {
            assertEquals(1, ((Number) any.get("spec", "postgresql", "synchronous", "number")).intValue(),
                    any.getMetadata().getName() + ": an acknowledged write is on a replica too");
        }
    }

    @Test
    void keycloakIsRunByItsOperatorOnItsOwnDatabaseAndTheServicesReachIt() {
        GenericKubernetesResource keycloak = keycloak();
        String name = keycloak.getMetadata().getName();

        String hostname = keycloak.get("spec", "hostname", "hostname");
        assertTrue(hostname != null && hostname.matches("https://[^/]+"), "a fixed public HTTPS hostname, the issuer's: " + hostname);
        assertEquals(Boolean.TRUE, keycloak.get("spec", "hostname", "backchannelDynamic"),
                "the services read the JWKS and token endpoint at the in-cluster address, the issuer stays " + hostname);
        String tls = keycloak.get("spec", "http", "tlsSecret");
        assertTrue(PROVIDED_BY_OPERATOR_SECRETS.contains(tls), "TLS from a Secret the operator provides: " + tls);

        // The services: the operator's Service <name>-service, on Keycloak's HTTP port.
        URI issuer = URI.create(serviceEnv("gateway-service").get("QUARKUS_OIDC_AUTH_SERVER_URL"));
        assertEquals(name + "-service", issuer.getHost(), "the services reach the operator's Service of " + name);
        assertEquals(Boolean.TRUE, keycloak.get("spec", "http", "httpEnabled"), "Keycloak serves the services on HTTP");
        assertEquals(port(issuer), ((Number) keycloak.get("spec", "http", "httpPort")).intValue(), "Keycloak's HTTP port");
        assertEquals(IDENTITY_LABEL.get("flashsale.io/identity"),
                keycloak.get("spec", "unsupported", "podTemplate", "metadata", "labels", "flashsale.io/identity"),
                "Keycloak's pods carry the label the services' egress admits");
        List<Map<String, Object>> http = keycloak.get("spec", "networkPolicy", "http");
        for (String service : SERVICES) {
            assertTrue(nullSafe(http).stream().anyMatch(peer -> Map.of("matchLabels", Map.of("app.kubernetes.io/name", service))
                            .equals(peer.get("podSelector")) && peer.get("namespaceSelector") == null),
                    "the operator's NetworkPolicy admits " + service + " to HTTP");
        }
        List<Map<String, Object>> https = keycloak.get("spec", "networkPolicy", "https");
        assertTrue(nullSafe(https).stream().anyMatch(peer -> Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx"))
                .equals(peer.get("namespaceSelector"))), "the ingress controller reaches HTTPS");

        // The restricted Pod Security Standard of the namespace: the operator does not set these itself.
        assertEquals(Boolean.TRUE, keycloak.get("spec", "unsupported", "podTemplate", "spec", "securityContext", "runAsNonRoot"));
        assertEquals("RuntimeDefault",
                keycloak.get("spec", "unsupported", "podTemplate", "spec", "securityContext", "seccompProfile", "type"));
        List<Map<String, Object>> containers = keycloak.get("spec", "unsupported", "podTemplate", "spec", "containers");
        Map<?, ?> security = (Map<?, ?>) containers.get(0).get("securityContext");
        assertEquals(Boolean.FALSE, security.get("allowPrivilegeEscalation"));
        assertEquals(List.of("ALL"), ((Map<?, ?>) security.get("capabilities")).get("drop"));

        // Its database: a CloudNativePG Cluster of its own, whose owner Secret Keycloak logs in with.
        assertEquals("postgres", keycloak.get("spec", "db", "vendor"));
        String host = keycloak.get("spec", "db", "host");
        GenericKubernetesResource database = custom(CNPG, "Cluster").stream()
                .filter(c -> host.equals(c.getMetadata().getName() + "-rw")).findFirst()
                .orElseThrow(() -> new AssertionError("Keycloak's database " + host + " is not the primary of a Cluster"));
        assertFalse(database.getMetadata().getName().equals(servicesCluster().getMetadata().getName()),
                "Keycloak does not share the orders' cluster");
        String databaseName = database.get("spec", "bootstrap", "initdb", "database");
        String keycloakDatabase = keycloak.get("spec", "db", "database");
        assertEquals(databaseName, keycloakDatabase, "the database CloudNativePG creates");
        String owner = database.get("spec", "bootstrap", "initdb", "secret", "name");
        String username = keycloak.get("spec", "db", "usernameSecret", "name");
        String password = keycloak.get("spec", "db", "passwordSecret", "name");
        assertEquals(owner, username, "Keycloak logs in as the owner");
        assertEquals(owner, password, "Keycloak logs in as the owner");
        assertTrue(admitsPodsOfIdentity(database), "Keycloak's pods reach their database");
    }

    /**
     * The realm of the repository (roles, the services' confidential clients, the gateway's service account) without
     * what is local-only: demo users, passwords, the password-grant client and the client secrets.
     */
    @Test
    void theRealmImportCarriesTheRolesAndClientsOfTheRealmFileWithoutItsUsersOrSecrets() {
        List<GenericKubernetesResource> imports = custom(KEYCLOAK, "KeycloakRealmImport");
        assertEquals(1, imports.size(), "one KeycloakRealmImport");
        GenericKubernetesResource realmImport = imports.get(0);
        assertEquals(keycloak().getMetadata().getName(), realmImport.get("spec", "keycloakCRName"));
        JsonNode realm = Manifests.json(realmImport.get("spec", "realm"));
        JsonNode local = Repository.realm();
        assertEquals(local.path("realm").asText(), realm.path("realm").asText(), "the realm");
        assertTrue(serviceEnv("gateway-service").get("QUARKUS_OIDC_AUTH_SERVER_URL").endsWith("/realms/" + realm.path("realm").asText()));
        assertFalse("none".equals(realm.path("sslRequired").asText()), "TLS is required in prod");

        List<String> roles = new ArrayList<>();
        realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
        assertEquals(Set.copyOf(Repository.realmRoles()), Set.copyOf(roles), "the realm roles");

        Set<String> confidential = new HashSet<>();
        local.path("clients").forEach(c -> {
            if (!c.path("publicClient").asBoolean(false)) {
                confidential.add(c.path("clientId").asText());
            }
        });
        Map<String, JsonNode> clients = new HashMap<>();
        realm.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
        assertEquals(confidential, clients.keySet(), "the confidential clients of the realm file, and no other (no flashsale-cli)");

        Map<String, Map<String, Map<String, String>>> placeholders = realmImport.get("spec", "placeholders");
        Map<String, String> secretOfService = Map.of(Repository.gatewayClientId(), "gateway-service",
                Repository.dashboardClientId(), "inventory-service");
        for (JsonNode client : clients.values()) {
            String id = client.path("clientId").asText();
            JsonNode localClient = Repository.realmClient(id);
            assertFalse(client.path("publicClient").asBoolean(true), id + " is confidential");
            for (String flow : List.of("serviceAccountsEnabled", "standardFlowEnabled", "directAccessGrantsEnabled")) {
                assertEquals(localClient.path(flow).asBoolean(false), client.path(flow).asBoolean(false), id + " " + flow);
            }
            assertEquals(audiences(localClient), audiences(client), id + ": the audiences its tokens carry");

            Matcher secret = PLACEHOLDER.matcher(client.path("secret").asText());
            assertTrue(secret.matches(), id + ": the secret is a placeholder, not a value: " + client.path("secret"));
            Map<String, Map<String, String>> placeholder = nullSafe(placeholders).get(secret.group(1));
            assertNotNull(placeholder, id + ": placeholder " + secret.group(1) + " is filled from a Secret");
            Map<String, String> fromSecret = placeholder.get("secret");
            String service = secretOfService.get(id);
            assertNotNull(service, id + " is the client of a service");
            SecretKeySelector used = deployment(service).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(v -> v.getName().equals(CLIENT_SECRET_VARIABLES.get(service))).findFirst().orElseThrow()
                    .getValueFrom().getSecretKeyRef();
            assertEquals(Map.of("name", used.getName(), "key", used.getKey()), fromSecret,
                    id + ": Keycloak gets the same secret as " + service);
        }

        // The dashboard's login returns to the ops Ingress, over HTTPS.
        String opsHost = all(Ingress.class).stream().filter(i -> i.getMetadata().getName().equals("flashsale-ops")).findFirst()
                .orElseThrow().getSpec().getRules().get(0).getHost();
        JsonNode redirects = clients.get(Repository.dashboardClientId()).path("redirectUris");
        assertTrue(redirects.size() > 0, "the dashboard's client has redirect URIs");
        redirects.forEach(r -> assertTrue(r.asText().startsWith("https://" + opsHost + "/dashboard"), "redirect URI " + r));
        String logout = clients.get(Repository.dashboardClientId()).path("attributes").path("post.logout.redirect.uris").asText();
        for (String uri : logout.split("##")) {
            assertTrue(uri.equals("+") || uri.startsWith("https://" + opsHost + "/dashboard"), "post-logout redirect URI " + uri);
        }

        // Users: the service accounts only, with the realm file's roles; no credentials.
        Map<String, JsonNode> users = new HashMap<>();
        realm.path("users").forEach(u -> users.put(u.path("username").asText(), u));
        Map<String, JsonNode> serviceAccounts = new HashMap<>();
        local.path("users").forEach(u -> {
            if (u.hasNonNull("serviceAccountClientId")) {
                serviceAccounts.put(u.path("username").asText(), u);
            }
        });
        assertEquals(serviceAccounts.keySet(), users.keySet(), "no demo users, only the service accounts");
        users.forEach((username, user) -> {
            assertTrue(user.path("credentials").isMissingNode(), username + " has no credentials");
            assertEquals(serviceAccounts.get(username).path("serviceAccountClientId"), user.path("serviceAccountClientId"));
            assertEquals(serviceAccounts.get(username).path("realmRoles"), user.path("realmRoles"), username + "'s roles");
        });
    }

    @Test
    void theOpsIngressKeepsItsSourceAllowListAsDefenceInDepth() {
        Ingress ops = all(Ingress.class).stream().filter(i -> i.getMetadata().getName().equals("flashsale-ops")).findFirst()
                .orElseThrow();
        String range = ops.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/whitelist-source-range");
        assertTrue(range != null && !range.isBlank(), "the ops Ingress admits only a source range");
    }

    @Test
    void redisPersistsEveryWriteToAnAppendOnlyFileOnAVolumeAndNeverEvicts() {
        StatefulSet redis = all(StatefulSet.class).stream().filter(s -> s.getMetadata().getName().equals("redis"))
                .findFirst().orElseThrow(() -> new AssertionError("no Redis StatefulSet"));
        String command = String.join(" ", redis.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());
        assertTrue(command.contains("--appendonly yes"), command);
        assertTrue(command.contains("--maxmemory-policy noeviction"), command);
        assertTrue(redis.getSpec().getVolumeClaimTemplates().stream().anyMatch(c -> c.getMetadata().getName().equals("data")),
                "the AOF is on a PersistentVolumeClaim");
    }

    @Test
    void thePrometheusRuleRaisesTheFiveAlertsOfThePipeline() {
        List<GenericKubernetesResource> rules = custom(MONITORING, "PrometheusRule");
        assertEquals(1, rules.size(), "one PrometheusRule");
        Map<String, Map<String, Object>> alerts = new HashMap<>();
        List<Map<String, Object>> groups = rules.get(0).get("spec", "groups");
        for (Map<String, Object> group : groups) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> inGroup = (List<Map<String, Object>>) group.get("rules");
            inGroup.forEach(r -> alerts.put((String) r.get("alert"), r));
        }
        assertEquals(Set.of("FlashsaleInventoryDrift", "FlashsaleDeadLettersGrowing", "FlashsaleConsumerLagHigh",
                "FlashsaleGatewayErrorRatio", "FlashsaleSalePausedByReconciliation"), alerts.keySet());
        alerts.forEach((name, alert) -> {
            assertFalse(((String) alert.get("expr")).isBlank(), name + " has an expression");
            assertTrue(Set.of("warning", "critical").contains(((Map<?, ?>) alert.get("labels")).get("severity")),
                    name + " has a severity");
            assertTrue(((Map<?, ?>) alert.get("annotations")).get("summary") instanceof String, name + " has a summary");
            Object forDuration = alert.get("for");
            assertTrue(forDuration == null || DURATION.matcher((String) forDuration).matches(), name + " for: " + forDuration);
        });
        assertTrue(((String) alerts.get("FlashsaleInventoryDrift").get("expr")).contains("flashsale_inventory_drift"));
        assertEquals("1m", alerts.get("FlashsaleInventoryDrift").get("for"), "drift for more than a minute");
    }

    @Test
    void aPodMonitorScrapesEveryPodOfTheServicesOnItsManagementPortAsAJobNamedAfterTheService() {
        List<GenericKubernetesResource> monitors = custom(MONITORING, "PodMonitor");
        assertEquals(1, monitors.size(), "one PodMonitor");
        GenericKubernetesResource monitor = monitors.get(0);
        List<Map<String, Object>> expressions = monitor.get("spec", "selector", "matchExpressions");
        assertEquals(1, expressions.size());
        assertEquals("app.kubernetes.io/name", expressions.get(0).get("key"));
        assertEquals("In", expressions.get(0).get("operator"));
        assertEquals(Set.copyOf(SERVICES), Set.copyOf((List<?>) expressions.get(0).get("values")));

        List<Map<String, Object>> endpoints = monitor.get("spec", "podMetricsEndpoints");
        assertEquals(1, endpoints.size());
        Map<String, Object> endpoint = endpoints.get(0);
        assertEquals("/q/metrics", endpoint.get("path"));
        assertEquals(MANAGEMENT_PORT_NAME, endpoint.get("port"), "metrics are on the management interface");
        for (String service : SERVICES) {
            Deployment deployment = all(Deployment.class).stream()
                    .filter(d -> d.getMetadata().getName().equals(service)).findFirst().orElseThrow();
            assertEquals(service, deployment.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name"));
            List<String> ports = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                    .map(ContainerPort::getName).toList();
            assertTrue(ports.contains(endpoint.get("port")), service + " names its port " + endpoint.get("port"));
        }
        assertEquals(List.of(Map.of("sourceLabels", List.of("__meta_kubernetes_pod_label_app_kubernetes_io_name"),
                "targetLabel", "job")), endpoint.get("relabelings"), "job = the service's name, as the rules expect");
    }

    private GenericKubernetesResource keycloak() {
        List<GenericKubernetesResource> keycloaks = custom(KEYCLOAK, "Keycloak");
        assertEquals(1, keycloaks.size(), "one Keycloak");
        return keycloaks.get(0);
    }

    /** The CloudNativePG Cluster whose primary the services' JDBC URL names. */
    private GenericKubernetesResource servicesCluster() {
        String url = serviceEnv("order-service").get("QUARKUS_DATASOURCE_JDBC_URL");
        return custom(CNPG, "Cluster").stream().filter(c -> url.contains("//" + c.getMetadata().getName() + "-rw:")).findFirst()
                .orElseThrow(() -> new AssertionError("the services' JDBC URL names the primary of no Cluster: " + url));
    }

    /** Whether a NetworkPolicy selecting the Cluster's pods admits the identity pods to PostgreSQL. */
    private boolean admitsPodsOfIdentity(GenericKubernetesResource cluster) {
        return ingressRules(Map.of("cnpg.io/cluster", cluster.getMetadata().getName())).stream()
                .anyMatch(rule -> portNumbers(rule.getPorts()).contains(5432)
                        && nullSafe(rule.getFrom()).stream().anyMatch(p -> isPodsOf(p, IDENTITY_LABEL)));
    }

    private static Set<String> audiences(JsonNode client) {
        Set<String> audiences = new HashSet<>();
        client.path("protocolMappers").forEach(m -> {
            if (m.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
                audiences.add(m.path("config").path("included.custom.audience").asText());
            }
        });
        return audiences;
    }
}
