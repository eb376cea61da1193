package io.flashsale.tools.up;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.flashsale.stack.EmbeddedStack;
import io.flashsale.stack.Server;
import io.flashsale.tools.Api;
import io.flashsale.tools.Args;
import io.flashsale.tools.Command;
import io.flashsale.tools.Context;
import io.flashsale.tools.Main;
import io.flashsale.tools.pipeline.Pipeline;
import io.flashsale.tools.pipeline.PipelineClient;
import io.flashsale.tools.pipeline.PipelineOptions;
import io.flashsale.tools.pipeline.ServiceServer;
import io.flashsale.tools.pipeline.StateFile;

/**
 * {@code ./flashsale up}: the embedded stack and the three services from their packaged jars, a demo sale,
 * and a state file that {@code down}, {@code status}, {@code token}, {@code simulate} and {@code soak} read;
 * in the foreground until Ctrl-C, or ({@code --detach}) as a background process in its own session.
 */
public final class UpCommand implements Command {

    static final Set<String> OPTIONS = Set.of("data-dir", "gateway-port", "order-port", "inventory-port",
            "kafka-port", "kafka-brokers", "redis-port", "postgres-port", "keycloak-port");
    static final Set<String> FLAGS = Set.of("detach", "fresh", "no-demo");
    /** The realm's demo users (flashsale-realm.json; local stack only, each one's password is its name). */
    private static final List<String[]> USERS = List.of(
            new String[] {"alice, bob, carol, dave", "buyers"},
            new String[] {"olivia", "flashsale-ops: the dashboard and the reconciliation reports"},
            new String[] {"adam", "flashsale-admin: the sales admin API and the dashboard's buttons"},
            new String[] {"sam", "flashsale-support: every buyer's orders at order-service"});
    private static final String DEMO_SALE = "demo";

    private final Context context;
    private final PrintStream out;

    public UpCommand(Context context) {
        this.context = context;
        this.out = context.out();
    }

    @Override
    public int run(List<String> rest) throws Exception {
        Args args = new Args(rest, OPTIONS, FLAGS);
        Path home = context.home();
        Path dataDir = context.dataDir(args);
        Optional<Properties> running = StateFile.live(StateFile.of(dataDir));
        if (running.isPresent()) {
            out.println("flashsale is already running (launcher pid " + running.get().getProperty("launcher.pid")
                    + "); see ./flashsale status, stop it with ./flashsale down");
            return 1;
        }
        if (args.flag("detach")) {
            return detach(args, dataDir);
        }
        PipelineOptions defaults = PipelineOptions.defaults(home);
        PipelineOptions options = new PipelineOptions(home, dataDir, args.flag("fresh"),
                args.integer("gateway-port", defaults.gatewayPort()), args.integer("order-port", defaults.orderPort()),
                args.integer("inventory-port", defaults.inventoryPort()), args.integer("kafka-port", defaults.kafkaPort()),
                args.integer("redis-port", defaults.redisPort()), args.integer("postgres-port", defaults.postgresPort()),
                args.integer("keycloak-port", defaults.keycloakPort()), Map.of(), true,
                args.integer("kafka-brokers", defaults.kafkaBrokers()), defaults.redisCluster());
        out.println("starting Kafka, Redis, PostgreSQL and Keycloak, then the services; data and logs in " + dataDir);
        long started = System.nanoTime();
        Pipeline pipeline = Pipeline.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping...");
            pipeline.close();
            try {
                Files.deleteIfExists(StateFile.of(dataDir));
            } catch (IOException e) {
                System.err.println("could not delete " + StateFile.of(dataDir) + ": " + e.getMessage());
            }
            System.out.println("stopped");
            stopped.countDown();
        }, "flashsale-down"));
        if (!args.flag("no-demo")) {
            createDemoSale(pipeline.client());
        }
        Properties state = state(pipeline);
        StateFile.write(StateFile.of(dataDir), state);
        banner(state, !args.flag("no-demo"));
        out.printf("ready in %.1f s. Ctrl-C stops everything.%n", (System.nanoTime() - started) / 1e9);
        stopped.await();
        return 0;
    }

    /** Starts {@code up} again as a background process in its own session and waits until it is ready. */
    private int detach(Args args, Path dataDir) throws Exception {
        Path log = detachedLog(args, dataDir);
        List<String> command = new ArrayList<>(List.of("setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dflashsale.home=" + context.home(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "up"));
        command.addAll(childArgs(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        out.println("starting in the background; log: " + log);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Properties> state = StateFile.live(StateFile.of(dataDir));
            if (state.isPresent() && state.get().getProperty("launcher.pid").equals(Long.toString(child.pid()))) {
                banner(state.get(), !args.flag("no-demo"));
                out.println("running in the background (pid " + child.pid() + "); stop it with ./flashsale down");
                return 0;
            }
            if (!child.isAlive()) {
                out.println("flashsale failed to start; last lines of " + log + ":");
                List<String> lines = Files.readAllLines(log);
                lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> out.println("  " + l));
                return 1;
            }
            Thread.sleep(250);
        }
        out.println("flashsale did not become ready within 5 minutes; stopping it; see " + log);
        // Its shutdown hook stops whatever it had started.
        child.destroy();
        child.waitFor(2, TimeUnit.MINUTES);
        return 1;
    }

    /**
     * The log of a detached {@code up}, in the data directory. With {@code --fresh} the directory is emptied
     * here, before the log is opened, and the child is not told {@code --fresh} ({@link #childArgs}): were
     * the child to empty it, it would delete the log it writes to.
     */
    static Path detachedLog(Args args, Path dataDir) throws IOException {
        if (args.flag("fresh")) {
            EmbeddedStack.forget(dataDir);
        }
        Files.createDirectories(dataDir);
        return dataDir.resolve("flashsale.log");
    }

    /** The arguments of the detached child: every option given, and {@code --no-demo}; never {@code --fresh}. */
    static List<String> childArgs(Args args) {
        List<String> child = new ArrayList<>();
        for (String option : OPTIONS) {
            String value = args.string(option, null);
            if (value != null) {
                child.add("--" + option);
                child.add(value);
            }
        }
        if (args.flag("no-demo")) {
            child.add("--no-demo");
        }
        return child;
    }

    private void createDemoSale(PipelineClient client) throws Exception {
        Map<String, Object> sale = new LinkedHashMap<>();
        sale.put("id", DEMO_SALE);
        sale.put("name", "Demo flash sale");
        sale.put("totalStock", 100);
        sale.put("perUserLimit", 1);
        sale.put("startsAt", Instant.now().toString());
        sale.put("endsAt", Instant.now().plus(Duration.ofDays(7)).toString());
        Api.Answer answer = new Api(client.tokens()::tools).post(client.endpoints().inventory() + "/api/admin/sales", sale);
        if (answer.status() != 201 && answer.status() != 409) {
            throw new IllegalStateException("could not create the demo sale: " + answer.status() + " " + answer.body());
        }
    }

    private static Properties state(Pipeline pipeline) {
        Properties state = new Properties();
        state.setProperty("launcher.pid", Long.toString(ProcessHandle.current().pid()));
        List<String> names = new ArrayList<>();
        for (Server server : pipeline.servers()) {
            names.add(server.name());
            state.setProperty(server.name() + ".port", Integer.toString(server.port()));
            state.setProperty(server.name() + ".pid", Long.toString(server.pid()));
            if (server instanceof ServiceServer service) {
                state.setProperty(server.name() + ".url", service.url());
                state.setProperty(server.name() + ".management-url", service.managementUrl());
            }
        }
        state.setProperty("components", String.join(",", names));
        state.setProperty("keycloak.issuer", pipeline.stack().keycloak().issuer());
        state.setProperty("keycloak.signing-key", pipeline.stack().keycloak().signingKeyFile().toString());
        return state;
    }

    private void banner(Properties state, boolean demo) {
        String gateway = state.getProperty("gateway-service.url");
        String inventory = state.getProperty("inventory-service.url");
        String issuer = state.getProperty("keycloak.issuer");
        out.println();
        out.println("  gateway-service    " + gateway + "   (orders; Swagger UI at /q/swagger-ui)");
        out.println("  order-service      " + state.getProperty("order-service.url"));
        out.println("  inventory-service  " + inventory + "   (sales admin, reconciliation)");
        out.println("  live dashboard     " + inventory + "/dashboard   (log in as adam or olivia)");
        out.println("  Keycloak           " + issuer + "   (the realm; admin console at "
                + issuer.substring(0, issuer.indexOf("/realms/")) + "/admin, user admin, password admin)");
        out.println();
        out.println("  Users of the local realm (each one's password is its name; local stack only):");
        USERS.forEach(u -> out.printf("    %-24s %s%n", u[0], u[1]));
        out.println();
        out.println("  A buyer's token, with curl (or: ./flashsale token alice):");
        out.println("    TOKEN=$(curl -s " + issuer + "/protocol/openid-connect/token \\");
        out.println("            -d grant_type=password -d client_id=flashsale-cli -d username=alice -d password=alice \\");
        out.println("            | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        if (demo) {
            out.println();
            out.println("  Place an order in the demo sale (100 units, 1 per buyer):");
            out.println("    curl -i -X POST " + gateway + "/api/sales/" + DEMO_SALE + "/orders \\");
            out.println("         -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' -d '{\"quantity\":1}'");
            out.println("  then follow the Location it returns, with the same token:");
            out.println("    curl -H \"Authorization: Bearer $TOKEN\" " + gateway + "/api/orders/<orderId>");
        }
        out.println();
    }
}
