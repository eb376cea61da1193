package io.flashsale.stack;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A watchdog in a session of its own: when the JVM that owns the stack disappears without
 * cleaning up (SIGKILL, a killed build), it kills every process group still listed in the run
 * directory, and removes the Docker containers labelled with that JVM's pid. Clean stops remove their
 * entries first, so it then has nothing to do.
 */
final class Reaper {

    private final Process process;

    private Reaper(Process process) {
        this.process = process;
    }

    /**
     * @param containers also remove, once the JVM is gone, every Docker container labelled as owned by it
     *        (see {@link ContainerRun}): the stack's containers, however far their start had come
     */
    static Reaper watch(Path runDir, boolean containers) {
        String script = "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; "
                + "for f in \"$2\"/*.pgid; do [ -f \"$f\" ] && kill -KILL -- -\"$(cat \"$f\")\" 2>/dev/null; "
                + "rm -f \"$f\"; done; "
                + "if [ \"$3\" = containers ]; then docker ps -aq --filter \"label=" + ContainerRun.OWNER_LABEL
                + "=$1\" | xargs -r docker rm -fv >/dev/null 2>&1; fi; exit 0";
        try {
            Process p = new ProcessBuilder("setsid", "bash", "-c", script, "reaper",
                    Long.toString(ProcessHandle.current().pid()), runDir.toAbsolutePath().toString(),
                    containers ? "containers" : "processes")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Reaper(p);
        } catch (IOException e) {
            throw new StackException("could not start the reaper: " + e.getMessage(), e);
        }
    }

    void close() {
        process.destroy();
    }
}
