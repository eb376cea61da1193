package io.flashsale.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class EmbeddedStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.builder().dir(Path.of("target", "stack-test")).fresh(true).build().start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void postgresServesTheFlashsaleDatabaseAndSurvivesAKill() throws SQLException {
        try (Connection c = connect()) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS t(v int); INSERT INTO t VALUES (42)");
        }
        stack.postgres().kill();
        assertFalse(Ports.isOpen(stack.postgres().port()));
        stack.postgres().start();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT sum(v) FROM t")) {
            rs.next();
            assertEquals(42, rs.getInt(1));
        }
    }

    @Test
    void redisAnswersAndComesBackAfterAStop() throws IOException {
        assertEquals("+PONG", redis("PING"));
        stack.redis().stop();
        assertFalse(stack.redis().isRunning());
        stack.redis().start();
        assertEquals("+PONG", redis("PING"));
    }

    @Test
    void kafkaCreatesATopic() throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(Set.of(new NewTopic("stack-test", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("stack-test"));
        }
    }

    @Test
    void keycloakIssuesRealmTokensSignedWithTheStacksKey() throws Exception {
        KeycloakServer keycloak = stack.keycloak();
        JsonNode token = JSON.readTree(post(keycloak.tokenEndpoint(),
                "grant_type=password&client_id=flashsale-cli&username=adam&password=adam"));
        String[] parts = token.path("access_token").asText().split("\\.");
        assertEquals(3, parts.length, token::toString);
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));

        assertEquals("RS256", header.path("alg").asText());
        assertEquals(keycloak.signingKey().kid(), header.path("kid").asText());
        assertEquals(keycloak.issuer(), claims.path("iss").asText());
        assertTrue(claims.path("realm_access").path("roles").toString().contains("flashsale-admin"), claims::toString);
        assertTrue(claims.path("aud").toString().contains("flashsale-gateway"), claims::toString);
        JsonNode jwks = JSON.readTree(get(keycloak.issuer() + "/protocol/openid-connect/certs"));
        assertEquals(List.of(keycloak.signingKey().kid()), jwks.path("keys").findValuesAsText("kid"));
    }

    private static String post(String url, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(), PostgresServer.USER, "");
    }

    private static String redis(String command) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", stack.redis().port()), 1000);
            s.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[64];
            int n = s.getInputStream().read(buf);
            return new String(buf, 0, n, StandardCharsets.US_ASCII).strip();
        }
    }
}
