package io.flashsale.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Console logs are JSON in production (the prod profile, which Kubernetes runs) and plain text in dev
 * and tests; the environment turns JSON off again, as ./flashsale does for the jars it runs. Each
 * service's {@code LogConfigTest} extends this, so that it reads that service's application.properties.
 */
public abstract class JsonLogConfigTests {

    private static final String JSON = "quarkus.log.console.json.enabled";

    @ParameterizedTest
    @CsvSource({"prod,true", "dev,false", "test,false"})
    void consoleLogsAreJsonInProductionOnly(String profile, boolean json) throws IOException {
        assertEquals(json, config(profile, Map.of()).getValue(JSON, Boolean.class));
    }

    @Test
    void anEnvironmentVariableTurnsJsonOffInProduction() throws IOException {
        assertFalse(config("prod", Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")).getValue(JSON, Boolean.class));
    }

    /** application.properties and the environment, with the ordinals Quarkus gives them. */
    private SmallRyeConfig config(String profile, Map<String, String> environment) throws IOException {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(getClass().getResource("/application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
    }
}
