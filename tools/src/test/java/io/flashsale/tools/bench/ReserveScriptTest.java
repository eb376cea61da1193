package io.flashsale.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/**
 * The Redis ceiling's script is the gateway's own, from the gateway's jar on the tools' class path. That jar
 * brings its application.properties too, and MicroProfile Config does read it outside Quarkus; the one
 * library of the tools that reads MicroProfile Config is smallrye-jwt-build (the stack's token minting),
 * so the file may set nothing it reads: no {@code smallrye.jwt.*}, no {@code mp.jwt.*}.
 */
class ReserveScriptTest {

    @Test
    void theReserveScriptComesFromTheGatewaysJar() throws Exception {
        String script = RedisCeiling.reserveScript();

        assertTrue(script.contains("redis.call"), script);
        String jar = String.valueOf(RedisCeiling.class.getClassLoader().getResource(RedisCeiling.RESERVE_SCRIPT));
        assertTrue(jar.contains("gateway-service"), jar);
    }

    @Test
    void noApplicationPropertiesOnTheClassPathConfiguresTheTokenMinting() {
        List<String> minting = new ArrayList<>();
        for (ConfigSource source : ConfigProvider.getConfig().getConfigSources()) {
            if (source.getName().contains("application.properties")) {
                source.getPropertyNames().stream()
                        .filter(name -> name.replaceFirst("^%[^.]*\\.", "").matches("(smallrye\\.jwt|mp\\.jwt)\\..*"))
                        .forEach(name -> minting.add(source.getName() + ": " + name));
            }
        }
        assertEquals(List.of(), minting);
    }
}
