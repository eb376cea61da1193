package io.flashsale.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis 6.2, the binary shipped inside {@code com.github.codemonstur:embedded-redis}, or in the containers
 * backend the Redis of {@link ContainerImages#redis()} (7.2 in production). Without
 * persistence it keeps no snapshot unless told to ({@code SAVE}), and a restart loads
 * {@code dump.rdb} if there is one; with persistence it keeps an append-only file (fsync every
 * second), as a production Redis would.
 */
public final class RedisServer extends Server {

    private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

    private static final int CONTAINER_PORT = 6379;

    private final boolean persistent;
    private final boolean clusterNode;

    RedisServer(Path dir, Path runDir, int port, boolean persistent) {
        this("redis", dir, runDir, port, persistent, false);
    }

    /** A node of a {@link RedisCluster}: {@code cluster-enabled}, its cluster state in {@code nodes.conf}. */
    RedisServer(String name, Path dir, Path runDir, int port, boolean persistent, boolean clusterNode) {
        super(name, dir, runDir, port);
        this.persistent = persistent;
        this.clusterNode = clusterNode;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port();
    }

    /** Deletes the snapshot and the append-only file, so that the next start begins empty. */
    public void deleteSnapshot() throws IOException {
        if (inContainer()) {
            removeContainer(); // the container kept them
            return;
        }
        Files.deleteIfExists(dir().resolve("dump.rdb"));
        Files.deleteIfExists(dir().resolve("appendonly.aof"));
    }

    @Override
    protected void prepare() throws IOException {
        Path binary = binary();
        if (Files.isExecutable(binary)) {
            return;
        }
        Files.createDirectories(binary.getParent());
        try (InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(BINARY)) {
            if (in == null) {
                throw new StackException("redis: " + BINARY + " is not on the class path (embedded-redis jar)");
            }
            Path tmp = Files.createTempFile(binary.getParent(), "redis-server", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path binary() {
        return dir().resolve("bin").resolve("redis-server");
    }

    @Override
    protected List<String> command() {
        List<String> command = new java.util.ArrayList<>(List.of(binary().toString(),
                "--port", Integer.toString(port()),
                "--bind", "127.0.0.1",
                "--dir", dir().toString(),
                "--dbfilename", "dump.rdb",
                "--save", "",
                "--appendonly", persistent ? "yes" : "no",
                "--appendfsync", "everysec",
                "--protected-mode", "no",
                "--daemonize", "no"));
        if (clusterNode) {
            command.addAll(List.of(
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf",
                    // A master silent for 2 s is failed over by its replica (loopback: no false alarms).
                    "--cluster-node-timeout", "2000",
                    // Its keys go on being served by the other masters while one has no one to take over.
                    "--cluster-require-full-coverage", "no"));
        }
        return command;
    }

    @Override
    protected GenericContainer<?> container() {
        return new GenericContainer<>(DockerImageName.parse(ContainerImages.redis()))
                .withExposedPorts(CONTAINER_PORT)
                .withCommand("redis-server", "--dir", "/data", "--dbfilename", "dump.rdb", "--save", "",
                        "--appendonly", persistent ? "yes" : "no", "--appendfsync", "everysec")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
    }

    @Override
    protected int containerPort() {
        return CONTAINER_PORT;
    }

    @Override
    protected boolean isReady() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 500);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            int read = socket.getInputStream().read(reply);
            return read >= 5 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
