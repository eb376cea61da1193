package io.flashsale.tools.up;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.flashsale.tools.Args;
import io.flashsale.tools.Command;
import io.flashsale.tools.Context;
import io.flashsale.tools.pipeline.StateFile;

/** {@code ./flashsale down}: stops what {@code up --detach} started, by ending its process. */
public final class DownCommand implements Command {

    private final Context context;

    public DownCommand(Context context) {
        this.context = context;
    }

    @Override
    public int run(List<String> rest) throws Exception {
        Args args = new Args(rest, Set.of("data-dir"), Set.of());
        Path dataDir = context.dataDir(args);
        Optional<Properties> state = StateFile.live(StateFile.of(dataDir));
        if (state.isEmpty()) {
            context.out().println("flashsale is not running (no live launcher in " + dataDir + ")");
            return 0;
        }
        long pid = Long.parseLong(state.get().getProperty("launcher.pid"));
        ProcessHandle launcher = ProcessHandle.of(pid).orElseThrow();
        context.out().println("stopping flashsale (launcher pid " + pid + ")...");
        launcher.destroy();
        launcher.onExit().get(2, TimeUnit.MINUTES);
        context.out().println("stopped");
        return 0;
    }
}
