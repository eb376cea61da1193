package io.flashsale.stack;

/**
 * The images of the containers backend. Each is configuration: a system property
 * ({@code stack.image.kafka}, …) or an environment variable ({@code FLASHSALE_IMAGE_KAFKA}, …)
 * names another; by default the official images, at the tags production runs (the Kubernetes overlays and
 * deploy/compose name the same ones; a test keeps them in step). Where no registry is reachable,
 * {@code deploy/containers/build-standins} builds stand-ins under the names of
 * {@code deploy/containers/standins.env}.
 */
public final class ContainerImages {

    public static final String KAFKA = "apache/kafka:4.2.0";
    public static final String REDIS = "redis:7.2.7";
    public static final String POSTGRES = "postgres:17.6";

    private ContainerImages() {
    }

    public static String kafka() {
        return configured("kafka", KAFKA);
    }

    public static String redis() {
        return configured("redis", REDIS);
    }

    public static String postgres() {
        return configured("postgres", POSTGRES);
    }

    private static String configured(String piece, String fallback) {
        String value = System.getProperty("stack.image." + piece);
        if (value == null || value.isBlank()) {
            value = System.getenv("FLASHSALE_IMAGE_" + piece.toUpperCase(java.util.Locale.ROOT));
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
