package io.flashsale.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

/**
 * One server of the embedded stack. Each can be started, stopped, killed (SIGKILL), paused
 * (SIGSTOP) and resumed on its own, and restarted on the data it left behind.
 */
public abstract class Server {

    private static final Logger LOG = Logger.getLogger(Server.class);
    private static final java.net.http.HttpClient PROBE = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Path dir;
    private final Path runDir;
    private final int port;
    private volatile Running process;
    private long logOffset;
    private ContainerRun container;
    private Path stackDir;

    protected Server(String name, Path dir, Path runDir, int port) {
        this.name = name;
        this.dir = dir.toAbsolutePath();
        this.runDir = runDir;
        this.port = port;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return dir.resolve(name + ".log");
    }

    /** Whether this server runs as a Docker container rather than as a local process. */
    public boolean inContainer() {
        return stackDir != null;
    }

    /** From now on this server runs as a container of the stack in {@code stackDir} (before its first start). */
    final void runInContainer(Path stackDir) {
        this.stackDir = stackDir;
    }

    /** The process id, or -1 when it does not run. */
    public long pid() {
        Running p = process;
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    public boolean isRunning() {
        Running p = process;
        return p != null && p.isAlive();
    }

    /** Starts the server on the data it has (preparing it the first time) and waits until it serves. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        if (Ports.isOpen(port)) {
            throw new StackException(name + ": port " + port + " is already in use");
        }
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                startOnce();
                break;
            } catch (StackException e) {
                // A binary just written can be "busy" for a moment: a process forked meanwhile by another thread
                // (the stack starts its servers in parallel) inherited the open file until it execs.
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Text file busy")) {
                    throw e;
                }
                LOG.infof("%s: its binary was busy; starting it again", name);
            }
        }
        LOG.infof("%s ready on port %d (pid %d) in %d ms", name, port, process.pid(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private void startOnce() {
        if (inContainer()) {
            startContainer();
        } else {
            startProcess();
        }
        Running running = process;
        try {
            Wait.until(name + " ready on port " + port, startTimeout(), () -> {
                if (!running.isAlive()) {
                    throw new StackException(name + " exited while starting; last lines of its log:\n" + logTail(20));
                }
                return isReady();
            });
        } catch (RuntimeException e) {
            running.kill();
            throw e;
        }
    }

    private void startProcess() {
        try {
            Files.createDirectories(dir);
            prepare();
            logOffset = Files.exists(logFile()) ? Files.size(logFile()) : 0;
        } catch (IOException e) {
            throw new StackException(name + ": could not prepare " + dir + ": " + e.getMessage(), e);
        }
        process = ChildProcess.start(name, command(), logFile(), runDir, environment());
    }

    private void startContainer() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StackException(name + ": could not create " + dir + ": " + e.getMessage(), e);
        }
        if (container == null) {
            container = new ContainerRun(name, container(), stackDir, port, containerPort(), stopInContainer());
        }
        logOffset = container.log().length();
        container.start();
        process = container;
    }

    /**
     * Removes this server's container, and with it the data it kept, so that the next start begins empty
     * (a local process keeps its data directory; see the subclasses for how to empty it).
     */
    public synchronized void removeContainer() {
        if (container != null) {
            container.saveLog(logFile());
            container.remove();
            container = null;
            process = null;
        }
    }

    /** Stops the server cleanly, the way an operator would; its data stays. */
    public synchronized void stop() {
        Running p = process;
        if (p != null) {
            p.stop(stopSignal(), 30_000);
            process = null;
            saveContainerLog();
            LOG.infof("%s stopped", name);
        }
    }

    /** Kills the server with SIGKILL, as a crash would; its data stays as the crash left it. */
    public synchronized void kill() {
        Running p = process;
        if (p != null) {
            p.kill();
            process = null;
            saveContainerLog();
            LOG.infof("%s killed", name);
        }
    }

    /** Freezes the server with SIGSTOP: connections stay open and nothing answers. */
    public void pause() {
        Running p = process;
        if (p != null) {
            p.signal("STOP");
        }
    }

    /** Resumes a paused server with SIGCONT. */
    public void resume() {
        Running p = process;
        if (p != null) {
            p.signal("CONT");
        }
    }

    private void saveContainerLog() {
        if (container != null) {
            container.saveLog(logFile());
        }
    }

    /** Whether the log written since the last start contains {@code text}. */
    protected boolean logContains(String text) {
        return logSinceStart().contains(text);
    }

    private String logSinceStart() {
        if (container != null) {
            String log = container.log();
            return log.length() > logOffset ? log.substring((int) logOffset) : "";
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile().toFile(), "r")) {
            long length = file.length();
            if (length <= logOffset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - logOffset, 8 * 1024 * 1024)];
            file.seek(logOffset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private String logTail(int lines) {
        List<String> all = logSinceStart().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Whether a GET of {@code url} answers 200 within two seconds: the ready check of a server that speaks HTTP. */
    protected static boolean answersOk(String url) {
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return PROBE.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates whatever the first start needs (binaries, configuration, an empty data directory). */
    protected abstract void prepare() throws IOException;

    protected abstract List<String> command();

    protected abstract boolean isReady();

    /**
     * The container this server runs as in the containers backend: its Testcontainers class, image and
     * settings, with {@link #containerPort()} exposed (the host port is bound by the stack).
     */
    protected org.testcontainers.containers.GenericContainer<?> container() {
        throw new StackException(name + " cannot run in a container");
    }

    /** The port the server listens on inside its container. */
    protected int containerPort() {
        throw new StackException(name + " cannot run in a container");
    }

    /** A command run inside the container before it is stopped (empty: none). */
    protected List<String> stopInContainer() {
        return List.of();
    }

    protected Map<String, String> environment() {
        return Map.of();
    }

    protected String stopSignal() {
        return "TERM";
    }

    protected Duration startTimeout() {
        return Duration.ofSeconds(60);
    }
}
