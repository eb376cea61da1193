package io.flashsale.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** overlays/dev: the services with single-node Kafka, Redis and PostgreSQL in the cluster. */
@EnabledIf(value = "io.flashsale.k8s.Kubectl#onPath", disabledReason = OverlayContract.NO_KUBECTL)
class DevOverlayTest extends OverlayContract {

    @Override
    String overlay() {
        return "dev";
    }

    @Test
    void kafkaRedisAndPostgresqlRunInTheClusterAsSingleNodeStatefulSets() {
        for (String name : List.of("kafka", "redis", "postgresql")) {
            StatefulSet server = all(StatefulSet.class).stream().filter(s -> s.getMetadata().getName().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no StatefulSet " + name));
            assertEquals(1, server.getSpec().getReplicas(), name + " replicas");
            assertEquals(name, server.getSpec().getTemplate().getMetadata().getLabels().get("flashsale.io/datastore"),
                    name + " carries the label the NetworkPolicies select");
        }
        String kafkaImage = all(StatefulSet.class).stream().filter(s -> s.getMetadata().getName().equals("kafka"))
                .findFirst().orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        assertTrue(kafkaImage.startsWith("apache/kafka:"), kafkaImage);
    }

    @Test
    void theOnlySecretsAreGeneratedWithDevOnlyPasswords() {
        List<Secret> secrets = all(Secret.class);
        assertEquals(Set.of("flashsale-postgres", "flashsale-redis"),
                Set.copyOf(secrets.stream().map(s -> s.getMetadata().getName().replaceFirst("-[a-z0-9]{10}$", "")).toList()));
        for (Secret secret : secrets) {
            String password = new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
            assertTrue(password.startsWith("dev-only"), secret.getMetadata().getName() + " holds a non-dev password");
        }
    }

    @Test
    void noOperatorResourcesAreNeeded() {
        assertTrue(all(GenericKubernetesResource.class).isEmpty(), "dev needs no Strimzi or CloudNativePG");
    }
}
