package io.flashsale.tools.up;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.flashsale.stack.Ports;
import io.flashsale.tools.Api;
import io.flashsale.tools.Args;
import io.flashsale.tools.Command;
import io.flashsale.tools.Context;
import io.flashsale.tools.pipeline.StateFile;

/** {@code ./flashsale status}: what runs where, from the state file: ports, pids, health. */
public final class StatusCommand implements Command {

    private final Context context;

    public StatusCommand(Context context) {
        this.context = context;
    }

    /** @return 0 when every component is up, 1 when one is not, 3 when nothing runs */
    @Override
    public int run(List<String> rest) {
        Args args = new Args(rest, Set.of("data-dir"), Set.of());
        PrintStream out = context.out();
        Path dataDir = context.dataDir(args);
        Optional<Properties> state = StateFile.live(StateFile.of(dataDir));
        if (state.isEmpty()) {
            out.println("flashsale is not running (no live launcher in " + dataDir + ")");
            return 3;
        }
        Properties s = state.get();
        out.printf("flashsale launcher pid %s, data in %s%n", s.getProperty("launcher.pid"), dataDir);
        out.printf("  %-18s %-6s %-8s %s%n", "component", "port", "pid", "health");
        boolean healthy = true;
        for (String name : s.getProperty("components").split(",")) {
            int port = Integer.parseInt(s.getProperty(name + ".port"));
            long pid = Long.parseLong(s.getProperty(name + ".pid"));
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            String health;
            if (!alive) {
                health = "DOWN (process gone)";
            } else if (s.containsKey(name + ".management-url")) {
                health = ready(s.getProperty(name + ".management-url")) ? "UP (ready)" : "DOWN (not ready)";
            } else {
                health = Ports.isOpen(port) ? "UP (port open)" : "DOWN (port closed)";
            }
            healthy &= health.startsWith("UP");
            out.printf("  %-18s %-6d %-8d %s%n", name, port, pid, health);
        }
        return healthy ? 0 : 1;
    }

    /** Whether the service whose management interface is at {@code url} says it is ready. */
    private static boolean ready(String url) {
        try {
            return new Api().get(url + "/q/health/ready").status() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
