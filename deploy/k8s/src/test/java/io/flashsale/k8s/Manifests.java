package io.flashsale.k8s;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Multi-document YAML into fabric8 models, and the questions the tests ask of them. */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** A workload's pod template, named after its owner for messages. */
    record PodTemplate(String owner, HasMetadata workload, PodTemplateSpec template) {
    }

    private Manifests() {
    }

    /**
     * Every document as its typed model (Deployment, Service, …); kinds fabric8 does not know, such as
     * Strimzi's and CloudNativePG's, become {@link GenericKubernetesResource}.
     */
    static List<HasMetadata> parse(String yaml) throws java.io.IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> documents = YAML.readerFor(Map.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                Map<String, Object> document = documents.nextValue();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                KubernetesResource resource = SERIALIZATION.convertValue(document, KubernetesResource.class);
                if (!(resource instanceof HasMetadata object)) {
                    throw new IllegalStateException("not an object with metadata: " + document.get("kind"));
                }
                objects.add(object);
            }
        }
        return objects;
    }

    /** A part of a custom resource (maps and lists) as JSON, to walk with Jackson's path(). */
    static com.fasterxml.jackson.databind.JsonNode json(Object value) {
        return YAML.valueToTree(value);
    }

    static String id(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    static List<PodTemplate> podTemplates(List<HasMetadata> objects) {
        List<PodTemplate> templates = new ArrayList<>();
        for (HasMetadata object : objects) {
            podTemplate(object).ifPresent(t -> templates.add(new PodTemplate(id(object), object, t)));
        }
        return templates;
    }

    private static Optional<PodTemplateSpec> podTemplate(HasMetadata object) {
        if (object instanceof Deployment d) {
            return Optional.of(d.getSpec().getTemplate());
        }
        if (object instanceof StatefulSet s) {
            return Optional.of(s.getSpec().getTemplate());
        }
        if (object instanceof DaemonSet d) {
            return Optional.of(d.getSpec().getTemplate());
        }
        if (object instanceof Job j) {
            return Optional.of(j.getSpec().getTemplate());
        }
        if (object instanceof CronJob c) {
            return Optional.of(c.getSpec().getJobTemplate().getSpec().getTemplate());
        }
        return Optional.empty();
    }

    /**
     * Fields the typed model did not know (a misspelt {@code readinesProbe}, a field at the wrong
     * level): fabric8 keeps them in {@code additionalProperties} instead of failing, so look there.
     */
    static List<String> unknownFields(HasMetadata object) {
        List<String> found = new ArrayList<>();
        if (!(object instanceof GenericKubernetesResource)) {
            collectUnknown(object, id(object), found);
        }
        return found;
    }

    private static void collectUnknown(Object value, String path, List<String> found) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknown(item, path + "." + key, found));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object property = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": " + extra.keySet());
                }
            } else {
                String name = getter.getName().substring(3);
                collectUnknown(property, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), found);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            // Computed getters (Quantity#getNumericalAmount on odd input) are not fields.
            return null;
        }
    }
}
