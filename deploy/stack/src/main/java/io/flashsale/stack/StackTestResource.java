package io.flashsale.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs a service's tests on a real stack: starts the pieces named by the {@code pieces} argument
 * (default: all) on free ports and hands their endpoints to Quarkus. A piece whose server is given
 * from outside ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code QUARKUS_REDIS_HOSTS},
 * {@code QUARKUS_DATASOURCE_JDBC_URL}) is not started: Quarkus reads those variables itself.
 */
public class StackTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<EmbeddedStack.Piece, String> EXTERNAL = Map.of(
            EmbeddedStack.Piece.KAFKA, "KAFKA_BOOTSTRAP_SERVERS",
            EmbeddedStack.Piece.REDIS, "QUARKUS_REDIS_HOSTS",
            EmbeddedStack.Piece.POSTGRES, "QUARKUS_DATASOURCE_JDBC_URL");

    private Set<EmbeddedStack.Piece> pieces = EnumSet.allOf(EmbeddedStack.Piece.class);
    private EmbeddedStack stack;

    @Override
    public void init(Map<String, String> args) {
        String names = args.get("pieces");
        if (names != null && !names.isBlank()) {
            pieces = Arrays.stream(names.split(","))
                    .map(n -> EmbeddedStack.Piece.valueOf(n.strip().toUpperCase()))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(EmbeddedStack.Piece.class)));
        }
        pieces.removeIf(p -> System.getenv(EXTERNAL.get(p)) != null);
    }

    @Override
    public Map<String, String> start() {
        stack = EmbeddedStack.builder()
                .dir(Path.of("target", "flashsale-stack"))
                .pieces(pieces)
                .fresh(true)
                .build()
                .start();
        return stack.quarkusConfig();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stack, new TestInjector.AnnotatedAndMatchesType(InjectStack.class, EmbeddedStack.class));
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
    }
}
