package io.flashsale.testsupport;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.flashsale.stack.EmbeddedStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs a service's tests on a real stack: starts the pieces named by the {@code pieces} argument
 * (default: kafka, redis, postgres) on free ports and hands their endpoints to Quarkus. A piece whose server is given
 * from outside ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code QUARKUS_REDIS_HOSTS},
 * {@code QUARKUS_DATASOURCE_JDBC_URL}) is not started: Quarkus reads those variables itself.
 *
 * <p>The service's OpenID provider is a {@link TestIssuer} (tokens minted by the tests, injected with
 * {@link InjectIssuer}), or, when {@code keycloak} is one of the pieces, the stack's real Keycloak.
 */
public class StackTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<EmbeddedStack.Piece, String> EXTERNAL = Map.of(
            EmbeddedStack.Piece.KAFKA, "KAFKA_BOOTSTRAP_SERVERS",
            EmbeddedStack.Piece.REDIS, "QUARKUS_REDIS_HOSTS",
            EmbeddedStack.Piece.POSTGRES, "QUARKUS_DATASOURCE_JDBC_URL");

    private Set<EmbeddedStack.Piece> pieces = EnumSet.of(EmbeddedStack.Piece.KAFKA, EmbeddedStack.Piece.REDIS,
            EmbeddedStack.Piece.POSTGRES);
    private EmbeddedStack stack;
    private TestIssuer issuer;

    @Override
    public void init(Map<String, String> args) {
        String names = args.get("pieces");
        if (names != null && !names.isBlank()) {
            pieces = Arrays.stream(names.split(","))
                    .map(n -> EmbeddedStack.Piece.valueOf(n.strip().toUpperCase()))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(EmbeddedStack.Piece.class)));
        }
        pieces.removeIf(p -> EXTERNAL.containsKey(p) && System.getenv(EXTERNAL.get(p)) != null);
    }

    @Override
    public Map<String, String> start() {
        stack = EmbeddedStack.builder()
                .dir(Path.of("target", "flashsale-stack"))
                .pieces(pieces)
                .fresh(true)
                .build()
                .start();
        Map<String, String> config = new java.util.LinkedHashMap<>(stack.quarkusConfig());
        if (!stack.has(EmbeddedStack.Piece.KEYCLOAK)) {
            issuer = TestIssuer.start();
            config.put("quarkus.oidc.auth-server-url", issuer.url());
        }
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stack, new TestInjector.AnnotatedAndMatchesType(InjectStack.class, EmbeddedStack.class));
        if (issuer != null) {
            injector.injectIntoFields(issuer, new TestInjector.AnnotatedAndMatchesType(InjectIssuer.class,
                    TestIssuer.class));
        }
    }

    @Override
    public void stop() {
        if (issuer != null) {
            issuer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }
}
