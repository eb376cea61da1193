package io.flashsale.tools.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.flashsale.stack.Server;
import io.flashsale.stack.StackException;

/**
 * One of the three Quarkus services, run from its packaged {@code quarkus-run.jar}: its API on
 * {@link #port()}, its probes and metrics on the management interface's {@link #managementPort()}.
 */
public final class ServiceServer extends Server {

    private final Path jar;
    private final int managementPort;
    private final Map<String, String> environment;

    ServiceServer(String name, Path jar, Path dir, Path runDir, int port, int managementPort,
            Map<String, String> environment) {
        super(name, dir, runDir, port);
        this.jar = jar;
        this.managementPort = managementPort;
        this.environment = new java.util.LinkedHashMap<>(environment);
        this.environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        this.environment.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int managementPort() {
        return managementPort;
    }

    /** Probes ({@code /q/health/…}) and metrics ({@code /q/metrics}). */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    @Override
    protected void prepare() {
        if (!Files.isRegularFile(jar)) {
            throw new StackException(name() + ": " + jar + " is missing; build with ./mvnw -DskipTests package");
        }
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()));
        return command;
    }

    @Override
    protected Map<String, String> environment() {
        return environment;
    }

    @Override
    protected boolean isReady() {
        return healthy();
    }

    /** Whether {@code /q/health/ready} answers 200. */
    public boolean healthy() {
        return answersOk(managementUrl() + "/q/health/ready");
    }

    @Override
    protected Duration startTimeout() {
        return Duration.ofSeconds(120);
    }
}
