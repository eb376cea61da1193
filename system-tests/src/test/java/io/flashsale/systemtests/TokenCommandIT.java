package io.flashsale.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.tools.Api;
import io.flashsale.tools.Context;
import io.flashsale.tools.pipeline.Pipeline;
import io.flashsale.tools.pipeline.StateFile;
import io.flashsale.tools.token.TokenCommand;

/**
 * {@code ./flashsale token USER} against a running stack (the shared pipeline, described by a state file as
 * {@code ./flashsale up} writes one): it prints a real token of the realm's user, which the gateway takes.
 */
class TokenCommandIT {

    @Test
    void printsARealmUsersTokenThatTheGatewayTakes() throws Exception {
        Pipeline pipeline = SharedPipeline.get();
        Path dataDir = runningStack(pipeline);

        String token = run(List.of("carol", "--data-dir", dataDir.toString())).strip();

        JsonNode claims = Api.JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("carol", claims.path("preferred_username").asText());
        assertEquals(pipeline.stack().keycloak().issuer(), claims.path("iss").asText());
        String saleId = pipeline.client().createSale("token", 5, 1);
        Api.Answer placed = new Api().as(token).post(pipeline.gateway().url() + "/api/sales/" + saleId + "/orders",
                "{\"quantity\":1}");
        assertEquals(202, placed.status(), placed.body());
    }

    @Test
    void aWrongPasswordIsRefusedByTheProvider() throws Exception {
        Path dataDir = runningStack(SharedPipeline.get());

        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> run(List.of("carol", "--password", "not-carols", "--data-dir", dataDir.toString())));
        assertEquals(true, refused.getMessage().contains("401"), refused.getMessage());
    }

    /** A data directory whose state file says the pipeline runs, as {@code ./flashsale up} writes it. */
    private static Path runningStack(Pipeline pipeline) throws Exception {
        Path dataDir = Files.createTempDirectory("flashsale-token-");
        Properties state = new Properties();
        state.setProperty("launcher.pid", Long.toString(ProcessHandle.current().pid()));
        state.setProperty("keycloak.issuer", pipeline.stack().keycloak().issuer());
        StateFile.write(StateFile.of(dataDir), state);
        return dataDir;
    }

    private static String run(List<String> args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Context context = new Context(Repository.root(), new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertEquals(0, new TokenCommand(context).run(args));
        return printed.toString(StandardCharsets.UTF_8);
    }
}
