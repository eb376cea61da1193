package io.flashsale.tools.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flashsale.tools.Args;
import io.flashsale.tools.Command;
import io.flashsale.tools.Context;
import io.flashsale.tools.pipeline.PipelineClient;
import io.flashsale.tools.pipeline.PipelineTarget;
import io.flashsale.tools.pipeline.Tokens;

/**
 * {@code ./flashsale simulate}: simulated buyers race for a new sale, then the invariants; on the stack
 * {@code up} started, else on one of its own, or on other deployments ({@code --gateway}).
 */
public final class SimulateCommand implements Command {

    private static final Set<String> OPTIONS = Set.of("users", "concurrency", "stock", "limit", "repeats",
            "quantity", "drain-timeout", "data-dir", "gateway", "orders", "inventory", "issuer", "signing-key");

    private final Context context;

    public SimulateCommand(Context context) {
        this.context = context;
    }

    @Override
    public int run(List<String> rest) throws Exception {
        Args args = new Args(rest, OPTIONS, Set.of());
        Simulation.Settings settings = new Simulation.Settings(args.integer("users", 1000),
                args.integer("concurrency", 200), args.integer("stock", 50), args.integer("limit", 1),
                args.integer("repeats", 1), args.integer("quantity", 1),
                Duration.ofSeconds(args.integer("drain-timeout", 120)));
        try (PipelineTarget target = target(args)) {
            SimulationReport report = new Simulation(target.client(), settings, System.err).run();
            report.print(context.out());
            return report.ok() ? 0 : 1;
        }
    }

    private PipelineTarget target(Args args) throws Exception {
        if (args.string("gateway", null) == null) {
            return PipelineTarget.runningOrOwn(context.home(), context.dataDir(args), "simulation", context.out());
        }
        return PipelineTarget.external(new PipelineClient(new PipelineClient.Endpoints(args.string("gateway", null),
                required(args, "orders"), required(args, "inventory"), Map.of()),
                Tokens.of(required(args, "issuer"), context.home().resolve(required(args, "signing-key")))));
    }

    private static String required(Args args, String option) {
        String value = args.string(option, null);
        if (value == null) {
            throw new IllegalArgumentException("--gateway needs --" + option + " too");
        }
        return value;
    }
}
