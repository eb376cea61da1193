package io.flashsale.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** overlays/dev: the services with single-node Kafka, Redis, PostgreSQL and Keycloak in the cluster. */
@EnabledIf(value = "io.flashsale.k8s.Kubectl#onPath", disabledReason = OverlayContract.NO_KUBECTL)
class DevOverlayTest extends OverlayContract {

    private static final String KEYCLOAK_IMPORT_DIR = "/opt/keycloak/data/import";

    @Override
    String overlay() {
        return "dev";
    }

    @Test
    void kafkaRedisAndPostgresqlRunInTheClusterAsSingleNodeStatefulSets() {
        for (String name : List.of("kafka", "redis", "postgresql")) {
            StatefulSet server = statefulSet(name);
            assertEquals(1, server.getSpec().getReplicas(), name + " replicas");
            assertEquals(name, server.getSpec().getTemplate().getMetadata().getLabels().get("flashsale.io/datastore"),
                    name + " carries the label the NetworkPolicies select");
        }
        String kafkaImage = statefulSet("kafka").getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        assertTrue(kafkaImage.startsWith("apache/kafka:"), kafkaImage);
    }

    @Test
    void keycloakRunsFromTheOfficialImageInStartDevWithTheIssuerOfTheTokens() {
        StatefulSet keycloak = statefulSet("keycloak");
        assertEquals(1, keycloak.getSpec().getReplicas(), "keycloak replicas");
        assertEquals(IDENTITY_LABEL.get("flashsale.io/identity"),
                keycloak.getSpec().getTemplate().getMetadata().getLabels().get("flashsale.io/identity"),
                "keycloak carries the label the services' egress admits");
        Container container = keycloak.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("quay.io/keycloak/keycloak:" + Repository.keycloakVersion(), container.getImage(),
                "the Keycloak of the local stack (keycloak.version in the root pom)");
        List<String> args = container.getArgs();
        assertEquals("start-dev", args.get(0), "start-dev: plain HTTP, no TLS or database to provide");
        assertTrue(args.contains("--import-realm"), "imports the realm at start: " + args);
        assertTrue(args.contains("--hostname-backchannel-dynamic=true"),
                "the services get the JWKS and token endpoint at the in-cluster address: " + args);
        assertTrue(args.stream().anyMatch(a -> a.matches("--hostname=http://localhost:\\d+")),
                "a fixed issuer, the one a port-forward from your machine reaches: " + args);

        // The services reach it through the Service of the overlay that selects its pods, on its HTTP port.
        URI issuer = URI.create(serviceEnv("gateway-service").get("QUARKUS_OIDC_AUTH_SERVER_URL"));
        Service service = all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(issuer.getHost()))
                .findFirst().orElseThrow(() -> new AssertionError("no Service " + issuer.getHost() + " for the issuer " + issuer));
        assertTrue(keycloak.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                .containsAll(service.getSpec().getSelector().entrySet()), "Service " + issuer.getHost() + " selects Keycloak");
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> p.getPort() == port(issuer)).findFirst()
                .orElseThrow(() -> new AssertionError("Service " + issuer.getHost() + " has no port " + port(issuer)));
        Integer target = containerPort(container, port.getTargetPort().getStrVal());
        assertNotNull(target, "the Service's target port is a port of Keycloak's container");
        assertTrue(args.contains("--http-port=" + target), "Keycloak listens on " + target + ": " + args);

        // ... and Keycloak's pods accept them there.
        for (String name : SERVICES) {
            assertTrue(admitsPodsOf(ingressRules(keycloak.getSpec().getTemplate().getMetadata().getLabels()), name, target),
                    "a NetworkPolicy admits " + name + " to Keycloak on " + target);
        }
    }

    /**
     * Kustomize reads no file outside the overlay's directory, so the overlay carries a copy of the repository's
     * realm file; what Keycloak imports must be exactly that file.
     */
    @Test
    void keycloakImportsExactlyTheRealmFileOfTheRepository() {
        PodSpec pod = statefulSet("keycloak").getSpec().getTemplate().getSpec();
        VolumeMount mount = pod.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(KEYCLOAK_IMPORT_DIR)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + KEYCLOAK_IMPORT_DIR));
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertNotNull(volume.getConfigMap(), "the realm comes from a ConfigMap");
        ConfigMap realm = all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(volume.getConfigMap().getName())).findFirst().orElseThrow();
        assertEquals(Set.of("flashsale-realm.json"), realm.getData().keySet());
        assertEquals(Repository.realmText(), realm.getData().get("flashsale-realm.json"),
                "overlays/dev/flashsale-realm.json differs from " + Repository.REALM_FILE + ": copy it again (cp "
                        + Repository.REALM_FILE + " deploy/k8s/overlays/dev/flashsale-realm.json)");
    }

    @Test
    void theOnlySecretsAreGeneratedWithDevOnlyPasswords() {
        List<Secret> secrets = all(Secret.class);
        assertEquals(Set.of("flashsale-postgres", "flashsale-redis", "flashsale-oidc-gateway", "flashsale-oidc-inventory",
                        "flashsale-keycloak-admin"),
                Set.copyOf(secrets.stream().map(s -> s.getMetadata().getName().replaceFirst("-[a-z0-9]{10}$", "")).toList()));
        for (Secret secret : secrets) {
            String password = secret.getData().get("password");
            if (password != null) {
                assertTrue(decode(password).startsWith("dev-only"), secret.getMetadata().getName() + " holds a non-dev password");
            }
        }
    }

    /** Keycloak imports the realm file with its (local-only) client secrets: the services must present those. */
    @Test
    void theClientSecretsAreTheOnesOfTheRealmFile() {
        Map<String, String> clients = Map.of("gateway-service", Repository.gatewayClientId(),
                "inventory-service", Repository.dashboardClientId());
        clients.forEach((name, clientId) -> {
            String variable = CLIENT_SECRET_VARIABLES.get(name);
            SecretKeySelector ref = deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(v -> v.getName().equals(variable)).findFirst().orElseThrow().getValueFrom().getSecretKeyRef();
            String value = decode(secret(ref.getName()).getData().get(ref.getKey()));
            assertEquals(Repository.realmClient(clientId).path("secret").asText(), value,
                    name + ": " + variable + " is the secret of client " + clientId + " in the realm file");
        });
    }

    @Test
    void noOperatorResourcesAreNeeded() {
        assertTrue(all(GenericKubernetesResource.class).isEmpty(), "dev needs no Strimzi, CloudNativePG or Keycloak operator");
    }

    private StatefulSet statefulSet(String name) {
        return all(StatefulSet.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no StatefulSet " + name));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
