package io.flashsale.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The image each service's build makes (Quarkus' container-image configuration: group, name = the
 * artifactId, tag = the project version, and the shared Dockerfile) is the image the Kubernetes manifests
 * and deploy/compose run, and the Dockerfile keeps the promises the manifests rely on (UID 185, the
 * management port, JVM options from the environment).
 */
class ImagesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path ROOT = Repository.root();

    /** flashsale/<service>, as the build names it. */
    private static String repositoryOf(String module) {
        String group = Repository.property(module, "quarkus.container-image.group")
                .orElseThrow(() -> new AssertionError(module + " sets no quarkus.container-image.group"));
        String name = Repository.property(module, "quarkus.container-image.name").orElse(Repository.artifactId(module));
        return group + "/" + name;
    }

    private static String tagOf(String module) {
        return Repository.property(module, "quarkus.container-image.tag").orElse(Repository.projectVersion());
    }

    private static Path dockerfileOf(String module) {
        String path = Repository.property(module, "quarkus.docker.dockerfile-jvm-path")
                .orElseThrow(() -> new AssertionError(module + " sets no quarkus.docker.dockerfile-jvm-path"));
        return ROOT.resolve(module).resolve(path).normalize();
    }

    @Test
    void eachServiceIsBuiltAsFlashsaleSlashItsNameAtTheProjectVersion() {
        for (String module : OverlayContract.SERVICES) {
            assertEquals("flashsale/" + module, repositoryOf(module), module);
            assertEquals(Repository.projectVersion(), tagOf(module), module);
            assertTrue(Files.isRegularFile(dockerfileOf(module)), module + ": " + dockerfileOf(module));
        }
    }

    @Test
    void theDockerfileRunsAsUid185WithJvmOptionsFromTheEnvironmentAndExposesTheManagementPort() throws IOException {
        for (String module : OverlayContract.SERVICES) {
            String dockerfile = Files.readString(dockerfileOf(module));
            assertTrue(Pattern.compile("(?m)^USER 185(:0)?$").matcher(dockerfile).find(), module + ": USER 185");
            assertTrue(Pattern.compile("(?m)^ARG BASE_IMAGE=\\S+:\\S+$").matcher(dockerfile).find()
                    && dockerfile.contains("FROM ${BASE_IMAGE}"), "the base image is a build argument with a pinned default");
            assertTrue(dockerfile.contains("$JAVA_OPTS"), "JVM options come from JAVA_OPTS");
            Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(dockerfile);
            assertTrue(expose.find() && List.of(expose.group(1).split(" ")).contains(Repository.managementPort(module)),
                    module + " exposes its management port " + Repository.managementPort(module));
            assertTrue(dockerfile.contains("COPY --chown=185:0 target/quarkus-app/"), "it packages the module's quarkus-app");
        }
    }

    @Test
    void theKubernetesManifestsRunThoseImagesAsUid185() throws IOException {
        JsonNode kustomization = YAML.readTree(ROOT.resolve("deploy/k8s/base/kustomization.yaml").toFile());
        List<String> named = new ArrayList<>();
        kustomization.get("images").forEach(i -> named.add(i.get("name").asText()));
        JsonNode dev = YAML.readTree(ROOT.resolve("deploy/k8s/overlays/dev/kustomization.yaml").toFile());
        for (String module : OverlayContract.SERVICES) {
            JsonNode deployment = YAML.readTree(ROOT.resolve("deploy/k8s/base").resolve(module).resolve("deployment.yaml").toFile());
            JsonNode pod = deployment.get("spec").get("template").get("spec");
            JsonNode container = pod.get("containers").get(0);
            assertEquals(repositoryOf(module), container.get("image").asText(), module + "'s Deployment");
            assertTrue(named.contains(repositoryOf(module)), "the base's images: name " + repositoryOf(module));
            assertEquals(185, pod.path("securityContext").path("runAsUser").asInt(), module + " runs as the image's UID");
            String devTag = null;
            for (JsonNode image : dev.get("images")) {
                if (image.get("name").asText().equals(repositoryOf(module))) {
                    devTag = image.get("newTag").asText();
                }
            }
            assertEquals(tagOf(module), devTag, "the dev overlay runs the image this build makes: " + module);
        }
    }

    @Test
    void composeRunsThoseImages() throws IOException {
        JsonNode services = YAML.readTree(Repository.composeWithDefaults()).get("services");
        for (String module : OverlayContract.SERVICES) {
            JsonNode service = services.get(module);
            assertEquals(repositoryOf(module) + ":" + tagOf(module), service.get("image").asText(), module);
            assertTrue(service.get("build") == null, module + " is not built by Compose: the Maven build makes its image");
        }
    }
}
