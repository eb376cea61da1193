package io.flashsale.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * A server process started in a session of its own, so that it and every process it forks can be
 * signalled as one group, and so that a Ctrl-C in the terminal reaches only the JVM that owns it.
 * While it runs, its process group id sits in {@code <runDir>/<name>.pgid} for the {@link Reaper}.
 */
final class ChildProcess implements Running {

    private static final Logger LOG = Logger.getLogger(ChildProcess.class);

    private final String name;
    private final Process process;
    private final Path pgidFile;

    private ChildProcess(String name, Process process, Path pgidFile) {
        this.name = name;
        this.process = process;
        this.pgidFile = pgidFile;
    }

    static ChildProcess start(String name, List<String> command, Path logFile, Path runDir, Map<String, String> env) {
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(runDir);
            Process process = builder.start();
            Path pgid = runDir.resolve(name + ".pgid");
            Files.writeString(pgid, Long.toString(process.pid()));
            LOG.debugf("started %s as pid %d: %s", name, process.pid(), command);
            return new ChildProcess(name, process, pgid);
        } catch (IOException e) {
            throw new StackException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a signal (TERM, INT, KILL, STOP, CONT) to the whole process group. */
    @Override
    public void signal(String signal) {
        if (!process.isAlive()) {
            return;
        }
        run("kill", "-" + signal, "--", "-" + process.pid());
    }

    /** Asks politely with {@code signal}, waits, then kills the group; returns once it is gone. */
    @Override
    public void stop(String signal, long graceMillis) {
        if (process.isAlive()) {
            signal("CONT");
            signal(signal);
            if (!waitFor(graceMillis)) {
                LOG.warnf("%s did not stop within %d ms; killing it", name, graceMillis);
                kill();
            }
        }
        deletePgidFile();
    }

    /** SIGKILL to the whole group: what a crash looks like. */
    @Override
    public void kill() {
        signal("KILL");
        waitFor(10_000);
        deletePgidFile();
    }

    private boolean waitFor(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void deletePgidFile() {
        try {
            Files.deleteIfExists(pgidFile);
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", pgidFile, e.getMessage());
        }
    }

    static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StackException(String.join(" ", command) + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new StackException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.strip());
            }
        } catch (IOException e) {
            throw new StackException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted: " + String.join(" ", command), e);
        }
    }
}
