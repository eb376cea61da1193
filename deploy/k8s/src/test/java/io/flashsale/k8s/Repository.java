package io.flashsale.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the deployment files must agree with, read from the rest of the repository: the realm of the local
 * stack, the Keycloak version it runs, and the services' application.properties.
 */
final class Repository {

    /** The one realm file of the repository; the dev overlay carries a copy that must stay identical. */
    static final String REALM_FILE = "deploy/stack/src/main/resources/io/flashsale/stack/keycloak/flashsale-realm.json";
    private static final Pattern KEYCLOAK_VERSION = Pattern.compile("<keycloak\\.version>([^<]+)</keycloak\\.version>");

    private Repository() {
    }

    static Path root() {
        return OverlayContract.k8sDir().resolve("../..").normalize();
    }

    static Path realmFile() {
        return root().resolve(REALM_FILE);
    }

    static String realmText() {
        try {
            return Files.readString(realmFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode realm() {
        try {
            return new ObjectMapper().readTree(realmText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client of the realm with that client id. */
    static JsonNode realmClient(String clientId) {
        for (JsonNode client : realm().path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("the realm file has no client " + clientId);
    }

    /** The names of the realm's realm roles. */
    static List<String> realmRoles() {
        List<String> roles = new ArrayList<>();
        realm().path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
        return roles;
    }

    /** keycloak.version of the root pom: the Keycloak of the local stack, and of dev and Compose. */
    static String keycloakVersion() {
        try {
            Matcher version = KEYCLOAK_VERSION.matcher(Files.readString(root().resolve("pom.xml")));
            if (!version.find()) {
                throw new AssertionError("the root pom sets no keycloak.version");
            }
            return version.group(1).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A property of the module's src/main/resources/application.properties (no profile). */
    static Optional<String> property(String module, String name) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(root().resolve(module).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(properties.getProperty(name));
    }

    /** The project's version: the root pom's own {@code <version>}, which every module inherits. */
    static String projectVersion() {
        return firstElement(root().resolve("pom.xml"), "version", "<artifactId>flashsale-parent</artifactId>");
    }

    /** The module's artifactId: the first {@code <artifactId>} after its {@code <parent>} block. */
    static String artifactId(String module) {
        return firstElement(root().resolve(module).resolve("pom.xml"), "artifactId", "</parent>");
    }

    private static String firstElement(Path pom, String element, String after) {
        try {
            String text = Files.readString(pom);
            int from = text.indexOf(after);
            if (from < 0) {
                throw new AssertionError(pom + " has no " + after);
            }
            Matcher m = Pattern.compile("<" + element + ">([^<]+)</" + element + ">").matcher(text);
            if (!m.find(from + after.length())) {
                throw new AssertionError(pom + " has no <" + element + "> after " + after);
            }
            return m.group(1).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    /**
     * deploy/compose/compose.yaml as Compose reads it with none of its variables set: every
     * {@code ${NAME:-default}} is its default (the official images, the default ports), {@code $$} is {@code $}.
     */
    static String composeWithDefaults() {
        try {
            String text = Files.readString(root().resolve("deploy/compose/compose.yaml"));
            StringBuilder out = new StringBuilder();
            Matcher m = COMPOSE_VARIABLE.matcher(text);
            int last = 0;
            while (m.find()) {
                if (m.start() > 0 && text.charAt(m.start() - 1) == '$') {
                    continue; // $${...}: escaped, left to the container's shell
                }
                out.append(text, last, m.start()).append(m.group(2) == null ? "" : m.group(2));
                last = m.end();
            }
            return out.append(text.substring(last)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** quarkus.management.port of the module; Quarkus' default, 9000, when it does not set it. */
    static String managementPort(String module) {
        return property(module, "quarkus.management.port").orElse("9000");
    }

    /** The OIDC client the gateway calls order-service as (client credentials). */
    static String gatewayClientId() {
        return property("gateway-service", "quarkus.oidc-client.client-id")
                .orElseThrow(() -> new AssertionError("gateway-service sets no quarkus.oidc-client.client-id"));
    }

    /** The OIDC client inventory-service's dashboard logs its users in with (tenant dashboard). */
    static String dashboardClientId() {
        return property("inventory-service", "quarkus.oidc.dashboard.client-id")
                .orElseThrow(() -> new AssertionError("inventory-service sets no quarkus.oidc.dashboard.client-id"));
    }
}
