package io.flashsale.tools.soak;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.flashsale.tools.Args;
import io.flashsale.tools.Command;
import io.flashsale.tools.Context;
import io.flashsale.tools.pipeline.PipelineTarget;

/** {@code ./flashsale soak}: minutes of steady load on the stack {@code up} started, else on one of its own. */
public final class SoakCommand implements Command {

    private static final Set<String> OPTIONS = Set.of("minutes", "rate", "workers", "users", "data-dir");

    private final Context context;

    public SoakCommand(Context context) {
        this.context = context;
    }

    @Override
    public int run(List<String> rest) throws Exception {
        Args args = new Args(rest, OPTIONS, Set.of());
        Soak.Settings settings = new Soak.Settings(Duration.ofMinutes(args.integer("minutes", 10)),
                args.integer("rate", 200), args.integer("workers", 16), args.integer("users", 5000));
        try (PipelineTarget target = PipelineTarget.runningOrOwn(context.home(), context.dataDir(args), "soak",
                context.out())) {
            return new Soak(target.client(), settings, target.redisPort(), context.out()).run() ? 0 : 1;
        }
    }
}
