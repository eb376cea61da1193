package io.flashsale.tools.token;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.flashsale.stack.KeycloakServer;
import io.flashsale.tools.Args;
import io.flashsale.tools.Command;
import io.flashsale.tools.Context;
import io.flashsale.tools.pipeline.StateFile;

/** {@code ./flashsale token USER}: a realm user's access token, from the running stack's Keycloak. */
public final class TokenCommand implements Command {

    private final Context context;

    public TokenCommand(Context context) {
        this.context = context;
    }

    @Override
    public int run(List<String> rest) {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new IllegalArgumentException("usage: ./flashsale token USER [--password P] (users: alice, bob, "
                    + "carol, dave, olivia, adam, sam)");
        }
        String user = rest.get(0);
        Args args = new Args(rest.subList(1, rest.size()), Set.of("password", "data-dir"), Set.of());
        Optional<Properties> state = StateFile.live(StateFile.of(context.dataDir(args)));
        if (state.isEmpty()) {
            System.err.println("flashsale is not running; start it with ./flashsale up");
            return 1;
        }
        context.out().println(KeycloakServer.passwordToken(state.get().getProperty("keycloak.issuer"), user,
                args.string("password", user)));
        return 0;
    }
}
