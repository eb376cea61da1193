package io.flashsale.tools.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The services read the stack's wiring from environment variables named as Quarkus maps its keys. */
class EnvironmentNameTest {

    @Test
    void dotsAndDashesBecomeUnderscoresInUpperCase() {
        assertEquals("KAFKA_BOOTSTRAP_SERVERS", Pipeline.environmentName("kafka.bootstrap.servers"));
        assertEquals("FLASHSALE_KAFKA_REPLICATION_FACTOR", Pipeline.environmentName("flashsale.kafka.replication-factor"));
        assertEquals("QUARKUS_OIDC_AUTH_SERVER_URL", Pipeline.environmentName("quarkus.oidc.auth-server-url"));
    }
}
