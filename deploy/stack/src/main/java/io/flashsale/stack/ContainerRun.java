package io.flashsale.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports.Binding;

/**
 * A server of the stack as one Docker container, started through Testcontainers the first time and
 * restarted in place afterwards, so that a restart finds the data the container kept and the same host
 * port. The port is fixed at creation (a free loopback port of this machine, as for a local process), so
 * the services' configuration stays valid across stops, kills and restarts.
 *
 * <p>Cleanup does not depend on Ryuk (Testcontainers' reaper container, whose image a machine without a
 * registry lacks): every container carries the labels {@value #STACK_LABEL} (the stack's directory) and
 * {@value #OWNER_LABEL} (the pid of the JVM that owns it); {@link #remove()} runs on a clean close and on
 * the JVM's shutdown hook, and the stack's {@link Reaper} removes whatever still carries its JVM's pid once
 * that JVM is gone (SIGKILL, a killed build).
 */
final class ContainerRun implements Running {

    static final String STACK_LABEL = "io.flashsale.stack";
    static final String OWNER_LABEL = "io.flashsale.stack.owner";

    private static final Logger LOG = Logger.getLogger(ContainerRun.class);

    private final String name;
    private final GenericContainer<?> container;
    private final List<String> stopInside;
    private String id;

    /**
     * @param stopInside a command run inside the container before {@code docker stop}, for images whose
     *        first process is a shell that would not pass the stop signal on (empty: none)
     */
    ContainerRun(String name, GenericContainer<?> container, Path stackDir, int hostPort, int containerPort,
            List<String> stopInside) {
        this.name = name;
        this.stopInside = stopInside;
        this.container = container
                .withLabel(STACK_LABEL, stackDir.toString())
                .withLabel(OWNER_LABEL, Long.toString(ProcessHandle.current().pid()))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Binding.bindIpAndPort("127.0.0.1", hostPort), ExposedPort.tcp(containerPort))));
    }

    /** Whether the container's first process could not execute its command (exit 126). */
    static boolean execRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("exited with code 126")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a Docker engine answers here. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    /** Creates and starts the container the first time (waiting as its Testcontainers class waits), then restarts it. */
    void start() {
        if (id == null) {
            try {
                container.start();
            } catch (RuntimeException e) {
                if (!execRace(e)) {
                    throw new StackException(name + ": the container of " + container.getDockerImageName()
                            + " did not start: " + e.getMessage() + logs(), e);
                }
                // KafkaContainer's shell waits for the starter script Testcontainers copies in, and can exec it
                // before the copy is complete (exit 126). A new container gets a new copy.
                LOG.warnf("%s: its container could not run its starter script (exit 126); starting a new one", name);
                container.stop();
                try {
                    container.start();
                } catch (RuntimeException again) {
                    throw new StackException(name + ": the container of " + container.getDockerImageName()
                            + " did not start twice: " + again.getMessage() + logs(), again);
                }
            }
            id = container.getContainerId();
            LOG.infof("%s runs in container %s (%s)", name, id.substring(0, 12), container.getDockerImageName());
        } else {
            try {
                docker().startContainerCmd(id).exec();
            } catch (NotModifiedException e) {
                // Already running.
            }
        }
    }

    private String logs() {
        try {
            String logs = container.getLogs();
            List<String> lines = logs.lines().toList();
            return "; last lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Everything the container wrote to stdout and stderr, over all its starts. */
    String log() {
        if (id == null) {
            return "";
        }
        try {
            return container.getLogs();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Writes the container's log to {@code file}, where a local process would have written it. */
    void saveLog(Path file) {
        String log = log();
        if (log.isEmpty()) {
            return;
        }
        try {
            Files.writeString(file, log);
        } catch (IOException e) {
            LOG.debugf("could not write %s: %s", file, e.getMessage());
        }
    }

    private InspectContainerResponse.ContainerState state() {
        return docker().inspectContainerCmd(id).exec().getState();
    }

    @Override
    public long pid() {
        if (id == null) {
            return -1;
        }
        Long pid = state().getPidLong();
        return pid == null || pid == 0 ? -1 : pid;
    }

    @Override
    public boolean isAlive() {
        if (id == null) {
            return false;
        }
        try {
            InspectContainerResponse.ContainerState state = state();
            return Boolean.TRUE.equals(state.getRunning());
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public void stop(String signal, long graceMillis) {
        if (!isAlive()) {
            return;
        }
        signal("CONT");
        if (!stopInside.isEmpty()) {
            try {
                container.execInContainer(stopInside.toArray(String[]::new));
            } catch (IOException | RuntimeException e) {
                LOG.debugf("%s: %s failed: %s", name, stopInside, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sendSignal(signal);
        long deadline = System.nanoTime() + graceMillis * 1_000_000;
        while (isAlive() && System.nanoTime() < deadline) {
            pause(100);
        }
        if (isAlive()) {
            LOG.warnf("%s did not stop within %d ms; killing it", name, graceMillis);
            kill();
        }
    }

    @Override
    public void kill() {
        if (isAlive()) {
            try {
                docker().killContainerCmd(id).exec();
            } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException e) {
                // Gone or stopped meanwhile.
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (isAlive() && System.nanoTime() < deadline) {
                pause(50);
            }
        }
    }

    @Override
    public void signal(String signal) {
        if (id == null) {
            return;
        }
        InspectContainerResponse.ContainerState state = state();
        if ("STOP".equals(signal) && Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getPaused())) {
            docker().pauseContainerCmd(id).exec();
        } else if ("CONT".equals(signal) && Boolean.TRUE.equals(state.getPaused())) {
            docker().unpauseContainerCmd(id).exec();
        } else if (!"STOP".equals(signal) && !"CONT".equals(signal) && Boolean.TRUE.equals(state.getRunning())) {
            sendSignal(signal);
        }
    }

    /** Signals the container's first process; one that has exited meanwhile (409 not running) has nothing to receive it. */
    private void sendSignal(String signal) {
        try {
            docker().killContainerCmd(id).withSignal("SIG" + signal).exec();
        } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException e) {
            LOG.debugf("%s: SIG%s not sent: %s", name, signal, e.getMessage());
        }
    }

    /** Removes the container and what it kept: the next {@link #start()} creates a new, empty one. */
    void remove() {
        if (id == null) {
            return;
        }
        try {
            container.stop(); // removes the container and its anonymous volumes
        } catch (RuntimeException e) {
            LOG.warnf("%s: could not remove container %s: %s", name, id, e.getMessage());
        }
        id = null;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
