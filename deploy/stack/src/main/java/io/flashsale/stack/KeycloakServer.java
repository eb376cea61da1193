package io.flashsale.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flashsale.stack.identity.SigningKey;
import io.flashsale.stack.identity.TokenMinter;

/**
 * Keycloak, the OpenID provider of the embedded stack, from the distribution
 * {@code org.keycloak:keycloak-quarkus-dist} on Maven Central, unpacked under the stack's directory.
 *
 * <p>It runs {@code start-dev}: plain HTTP on the loopback address, a fixed hostname (so every token's
 * {@code iss} is the same whichever address a client used), and its database in memory. The realm
 * file ({@code flashsale-realm.json}) is the whole of its state and is imported at every start, so a
 * restart begins from exactly that file; nothing done in the admin console outlives it. The realm
 * signs with an RSA key generated for this stack directory and kept beside it, which lets the stack's
 * own tools mint tokens that verify exactly as the ones the provider issues (simulated buyers by the
 * thousand, without a login each). Production runs Keycloak under its operator, or any OpenID
 * provider; see deploy/k8s.
 */
public final class KeycloakServer extends Server {

    public static final String REALM = "flashsale";
    private static final String DIST_RESOURCE = "io/flashsale/stack/keycloak-dist.path";
    private static final String REALM_RESOURCE = "io/flashsale/stack/keycloak/flashsale-realm.json";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final int managementPort;
    private volatile SigningKey signingKey;

    KeycloakServer(Path dir, Path runDir, int port, int managementPort) {
        super("keycloak", dir, runDir, port);
        this.managementPort = managementPort;
    }

    /** The realm's issuer URL: {@code quarkus.oidc.auth-server-url} of every service. */
    public String issuer() {
        return "http://127.0.0.1:" + port() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /**
     * An access token of a realm user, by the password grant of the command-line client {@code flashsale-cli}
     * (the realm's demo users, local stack only): what {@code ./flashsale token} prints and what a real
     * login would give, without a browser.
     */
    public String passwordToken(String username, String password) {
        return passwordToken(issuer(), username, password);
    }

    /** The same, from the realm at {@code issuer} (a running stack's, known by its URL only). */
    public static String passwordToken(String issuer, String username, String password) {
        String form = "grant_type=password&client_id=flashsale-cli&username=" + encode(username) + "&password="
                + encode(password);
        String tokenEndpoint = issuer + "/protocol/openid-connect/token";
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StackException("keycloak: no token for " + username + " (" + response.statusCode() + "): "
                        + response.body());
            }
            return new ObjectMapper().readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new StackException("keycloak: cannot reach " + tokenEndpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while asking keycloak for a token", e);
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Where the realm's signing key is kept, beside the stack's other data. */
    public Path signingKeyFile() {
        return dir().resolve("realm-signing-key.pem");
    }

    /** The realm's signing key (generated for this stack directory on its first start). */
    public SigningKey signingKey() {
        SigningKey key = signingKey;
        if (key == null) {
            key = SigningKey.loadOrCreate(signingKeyFile());
            signingKey = key;
        }
        return key;
    }

    /** Mints tokens the realm's clients would get: same issuer, same key. */
    public TokenMinter minter() {
        return new TokenMinter(signingKey(), issuer());
    }

    @Override
    protected void prepare() throws IOException {
        Path home = home();
        if (!Files.exists(home.resolve(".extracted"))) {
            unpack(distribution(), dir());
            Files.writeString(home.resolve(".extracted"), "");
        }
        Path imports = home.resolve("data").resolve("import");
        Files.createDirectories(imports);
        Files.writeString(imports.resolve(REALM + "-realm.json"), realmWithKey());
    }

    /** The unpacked distribution: the zip's one top-level directory. */
    private Path home() throws IOException {
        Path zip = distribution();
        String name = zip.getFileName().toString();
        String version = name.substring("keycloak-quarkus-dist-".length(), name.length() - ".zip".length());
        return dir().resolve("keycloak-" + version);
    }

    private static Path distribution() throws IOException {
        try (InputStream in = KeycloakServer.class.getClassLoader().getResourceAsStream(DIST_RESOURCE)) {
            if (in == null) {
                throw new StackException("keycloak: " + DIST_RESOURCE + " is missing; build deploy/stack");
            }
            Path zip = Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            if (!Files.isRegularFile(zip)) {
                throw new StackException("keycloak: the distribution " + zip + " is gone; build deploy/stack again");
            }
            return zip;
        }
    }

    private static void unpack(Path zip, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new StackException("keycloak: " + zip + " holds a path outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (entry.getName().endsWith(".sh")) {
                    target.toFile().setExecutable(true);
                }
            }
        }
    }

    /**
     * The secret of a confidential client of the realm file: a local-only value, which the stack hands to
     * the service that is that client (production takes it from a Secret).
     */
    public static String clientSecret(String clientId) {
        try {
            for (var client : realm().path("clients")) {
                if (clientId.equals(client.path("clientId").asText())) {
                    return client.path("secret").asText();
                }
            }
        } catch (IOException e) {
            throw new StackException("keycloak: cannot read " + REALM_RESOURCE + ": " + e.getMessage(), e);
        }
        throw new StackException("keycloak: the realm has no client " + clientId);
    }

    private static ObjectNode realm() throws IOException {
        try (InputStream in = KeycloakServer.class.getClassLoader().getResourceAsStream(REALM_RESOURCE)) {
            if (in == null) {
                throw new StackException("keycloak: " + REALM_RESOURCE + " is missing");
            }
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }

    /** The realm file of the repository, with this stack's signing key as the realm's only RS256 key. */
    private String realmWithKey() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = realm();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("priority", List.of("200"));
        config.put("algorithm", List.of("RS256"));
        config.put("privateKey", List.of(signingKey().privateKeyBase64()));
        config.put("active", List.of("true"));
        config.put("enabled", List.of("true"));
        ObjectNode key = json.createObjectNode().put("name", "flashsale-stack-rsa").put("providerId", "rsa");
        key.set("subComponents", json.createObjectNode());
        key.set("config", json.valueToTree(config));
        ArrayNode providers = json.createArrayNode().add(key);
        realm.putObject("components").set("org.keycloak.keys.KeyProvider", providers);
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(realm);
    }

    @Override
    protected List<String> command() {
        try {
            return List.of("sh", home().resolve("bin").resolve("kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port(), "--hostname=http://127.0.0.1:" + port(),
                    "--http-management-port=" + managementPort, "--health-enabled=true",
                    "--db=dev-mem", "--import-realm");
        } catch (IOException e) {
            throw new StackException("keycloak: " + e.getMessage(), e);
        }
    }

    @Override
    protected Map<String, String> environment() {
        // Local only: the admin console's user of this throw-away provider.
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
    }

    /** Ready once the realm is imported: its discovery document answers. */
    @Override
    protected boolean isReady() {
        return answersOk(issuer() + "/.well-known/openid-configuration");
    }

    @Override
    protected Duration startTimeout() {
        return Duration.ofSeconds(300);
    }
}
