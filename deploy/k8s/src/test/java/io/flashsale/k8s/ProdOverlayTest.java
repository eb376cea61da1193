package io.flashsale.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * overlays/prod: Strimzi Kafka, CloudNativePG PostgreSQL, Redis with AOF; no secret values; a PodMonitor
 * and the alert rules for the Prometheus Operator.
 */
@EnabledIf(value = "io.flashsale.k8s.Kubectl#onPath", disabledReason = OverlayContract.NO_KUBECTL)
class ProdOverlayTest extends OverlayContract {

    private static final String STRIMZI = "kafka.strimzi.io/v1beta2";
    private static final String CNPG = "postgresql.cnpg.io/v1";
    private static final String MONITORING = "monitoring.coreos.com/v1";
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");

    @Override
    String overlay() {
        return "prod";
    }

    @Override
    Set<String> customResourceGroups() {
        return Set.of("kafka.strimzi.io", "postgresql.cnpg.io", "monitoring.coreos.com");
    }

    @Override
    List<Ref> references() {
        List<Ref> refs = new ArrayList<>(super.references());
        for (GenericKubernetesResource cluster : custom(CNPG, "Cluster")) {
            String secret = cluster.get("spec", "bootstrap", "initdb", "secret", "name");
            refs.add(new Ref("Cluster/" + cluster.getMetadata().getName() + " bootstrap.initdb.secret", true, secret));
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
        assertEquals(Set.of("flashsale.orders.accepted", "flashsale.orders.dlq"), topics.keySet());
        int partitionsOfServices = Integer.parseInt(serviceEnv("order-service").get("FLASHSALE_KAFKA_PARTITIONS"));
        for (GenericKubernetesResource topic : topics.values()) {
            assertEquals(cluster, topic.getMetadata().getLabels().get("strimzi.io/cluster"));
            assertEquals(3, ((Number) topic.get("spec", "replicas")).intValue(), "replicas");
            assertEquals(partitionsOfServices, ((Number) topic.get("spec", "partitions")).intValue(),
                    "partitions agree with FLASHSALE_KAFKA_PARTITIONS, so a topic a service created first is adopted");
        }
    }

    @Test
    void postgresqlIsACloudNativePgClusterWithASynchronousReplica() {
        List<GenericKubernetesResource> clusters = custom(CNPG, "Cluster");
        assertEquals(1, clusters.size(), "one CloudNativePG Cluster");
        GenericKubernetesResource cluster = clusters.get(0);
        assertEquals(3, ((Number) cluster.get("spec", "instances")).intValue(), "instances");
        assertEquals(1, ((Number) cluster.get("spec", "postgresql", "synchronous", "number")).intValue(), "sync replicas");
        assertEquals("postgresql", cluster.get("spec", "inheritedMetadata", "labels", "flashsale.io/datastore"));
        String url = serviceEnv("order-service").get("QUARKUS_DATASOURCE_JDBC_URL");
        assertTrue(url.contains("//" + cluster.getMetadata().getName() + "-rw:"), "services use the primary: " + url);
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
    void aPodMonitorScrapesEveryPodOfTheServicesOnItsHttpPortAsAJobNamedAfterTheService() {
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
}
