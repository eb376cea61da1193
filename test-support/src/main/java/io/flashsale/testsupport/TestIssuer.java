package io.flashsale.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.flashsale.stack.StackException;
import io.flashsale.stack.identity.SigningKey;
import io.flashsale.stack.identity.TokenMinter;

/**
 * An OpenID provider for the services' tests, on a real HTTP port: the discovery document, a JWKS
 * that can rotate, and a token endpoint for the client-credentials grant. Tokens for any buyer or
 * role are minted with its current key, so that tests need no login and stay fast; the services
 * verify them exactly as they verify a production provider's (discovery, JWKS, signature, claims).
 */
public final class TestIssuer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/realms/flashsale-test";

    /** Roles a client's service account gets from the token endpoint. */
    private static final Map<String, List<String>> CLIENT_ROLES = Map.of("flashsale-gateway",
            List.of("flashsale-support"));

    private final HttpServer server;
    private final String url;
    private final List<SigningKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksReads = new AtomicInteger();
    private volatile TokenMinter minter;

    private TestIssuer(HttpServer server) {
        this.server = server;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort() + BASE;
        SigningKey key = SigningKey.generate();
        published.add(key);
        this.minter = new TokenMinter(key, url);
    }

    public static TestIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TestIssuer issuer = new TestIssuer(server);
            server.createContext(BASE + "/.well-known/openid-configuration", issuer::discovery);
            server.createContext(BASE + "/protocol/openid-connect/certs", issuer::jwks);
            server.createContext(BASE + "/protocol/openid-connect/token", issuer::token);
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new StackException("cannot start the test issuer: " + e.getMessage(), e);
        }
    }

    /** The issuer URL: what tokens carry as {@code iss} and what {@code quarkus.oidc.auth-server-url} names. */
    public String url() {
        return url;
    }

    public TokenMinter minter() {
        return minter;
    }

    /** A valid token for a buyer: a subject and no role. */
    public String buyer(String subject) {
        return minter.token(subject);
    }

    /** A valid token for {@code subject} with {@code roles}. */
    public String token(String subject, String... roles) {
        return minter.token(subject, roles);
    }

    public TokenMinter.Claims claims(String subject) {
        return minter.claims(subject);
    }

    /**
     * Rotates the keys as a provider does: a new key signs from now on and is published, and the old
     * one is deleted from the JWKS. Returns the deleted key, whose tokens must no longer verify.
     */
    public SigningKey rotate() {
        SigningKey old = minter.key();
        SigningKey next = SigningKey.generate();
        published.add(next);
        published.remove(old);
        minter = new TokenMinter(next, url);
        return old;
    }

    /** How many times the JWKS was read: a verifier reads it at start and on a key id it does not know. */
    public int jwksReads() {
        return jwksReads.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", url);
        doc.put("authorization_endpoint", url + "/protocol/openid-connect/auth");
        doc.put("token_endpoint", url + "/protocol/openid-connect/token");
        doc.put("jwks_uri", url + "/protocol/openid-connect/certs");
        doc.put("end_session_endpoint", url + "/protocol/openid-connect/logout");
        doc.put("response_types_supported", List.of("code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        respond(exchange, 200, doc);
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksReads.incrementAndGet();
        respond(exchange, 200, Map.of("keys", published.stream().map(SigningKey::jwk).toList()));
    }

    /** The client-credentials grant, for a client's own identity (the gateway asking order-service). */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        String client = clientId(exchange, form);
        if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))
                || client == null) {
            respond(exchange, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        String token = minter.claims("service-account-" + client).claim("azp", client)
                .roles(CLIENT_ROLES.getOrDefault(client, List.of()).toArray(String[]::new)).sign();
        respond(exchange, 200, Map.of("access_token", token, "token_type", "Bearer",
                "expires_in", TokenMinter.DEFAULT_LIFESPAN.toSeconds()));
    }

    private static String clientId(HttpExchange exchange, Map<String, String> form) {
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            return URLDecoder.decode(pair.substring(0, Math.max(0, pair.indexOf(':'))), StandardCharsets.UTF_8);
        }
        return form.get("client_id");
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
