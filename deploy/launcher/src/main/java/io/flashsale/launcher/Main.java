package io.flashsale.launcher;

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

import io.flashsale.stack.KeycloakServer;
import io.flashsale.stack.Ports;
import io.flashsale.stack.Server;

/** {@code ./flashsale up | down | status | token | simulate | soak | bench}. */
public final class Main {

    private static final Set<String> UP_OPTIONS = Set.of("data-dir", "gateway-port", "order-port", "inventory-port",
            "kafka-port", "redis-port", "postgres-port", "keycloak-port");
    private static final Set<String> SIM_OPTIONS = Set.of("users", "concurrency", "stock", "limit", "repeats",
            "quantity", "drain-timeout", "data-dir", "gateway", "orders", "inventory", "issuer", "signing-key");
    /** The realm's demo users (flashsale-realm.json; local stack only, each one's password is its name). */
    private static final List<String[]> USERS = List.of(
            new String[] {"alice, bob, carol, dave", "buyers"},
            new String[] {"olivia", "flashsale-ops: the dashboard and the reconciliation reports"},
            new String[] {"adam", "flashsale-admin: the sales admin API and the dashboard's buttons"},
            new String[] {"sam", "flashsale-support: every buyer's orders at order-service"});
    private static final Set<String> SOAK_OPTIONS = Set.of("minutes", "rate", "workers", "users", "data-dir");
    private static final Set<String> BENCH_OPTIONS = Set.of("seconds", "step-seconds", "connections", "threads",
            "drain-orders", "steps", "out", "env", "warmup", "buyers");
    private static final String DEMO_SALE = "demo";

    private final PrintStream out = System.out;
    private final Path home = Path.of(System.getProperty("flashsale.home", ".")).toAbsolutePath().normalize();

    public static void main(String[] argv) {
        List<String> args = List.of(argv);
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        try {
            int code = switch (command) {
                case "up" -> new Main().up(new Args(rest, UP_OPTIONS, Set.of("detach", "fresh", "no-demo")));
                case "down" -> new Main().down(new Args(rest, Set.of("data-dir"), Set.of()));
                case "status" -> new Main().status(new Args(rest, Set.of("data-dir"), Set.of()));
                case "token" -> new Main().token(rest);
                case "simulate" -> new Main().simulate(new Args(rest, SIM_OPTIONS, Set.of()));
                case "soak" -> new Main().soak(new Args(rest, SOAK_OPTIONS, Set.of()));
                case "bench" -> new Main().bench(new Args(rest, BENCH_OPTIONS, Set.of("one-gateway")));
                case "help", "--help", "-h" -> help(System.out);
                default -> {
                    System.err.println("unknown command: " + command);
                    help(System.err);
                    yield 2;
                }
            };
            System.exit(code);
        } catch (IllegalArgumentException e) {
            System.err.println("flashsale: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("flashsale: " + e.getMessage());
            System.exit(1);
        }
    }

    private static int help(PrintStream out) {
        out.println("""
                usage: ./flashsale COMMAND [options]

                  up         start Kafka, Redis, PostgreSQL and the three services, create a demo sale
                             --detach            return once everything is ready (stop with ./flashsale down)
                             --fresh             start from empty data
                             --no-demo           do not create the demo sale
                             --data-dir DIR      data and logs (default .flashsale)
                             --gateway-port 8080 --order-port 8081 --inventory-port 8082
                             --kafka-port 19092 --redis-port 16379 --postgres-port 15432
                             --keycloak-port 18180 (management interfaces: each service's port + 1000)
                  down       stop what 'up --detach' started
                  status     what runs where: ports, pids, health
                  token USER print an access token of a realm user (alice, bob, carol, dave: buyers;
                             olivia: ops; adam: admin; sam: support), from the running stack's Keycloak
                             --password P (default: the user's name, as in the local realm) --data-dir DIR
                  simulate   race simulated buyers against a new sale and check the invariants
                             --users 1000 --concurrency 200 --stock 50 --limit 1 --repeats 1 --quantity 1
                             --drain-timeout 120 (seconds)
                             uses the stack 'up' started, else starts one of its own on free ports;
                             --gateway URL --orders URL --inventory URL target other deployments, whose
                             provider must trust --signing-key FILE (PKCS#8 PEM) for --issuer URL
                  soak       minutes of steady load, then the invariants, heap after GC and Redis memory
                             --minutes 10 --rate 200 (orders/s) --workers 16 --users 5000
                             uses the stack 'up' started, else starts one of its own on free ports
                  bench      throughput and latency against ceilings measured in the same run (needs wrk);
                             starts a stack of its own on free ports; about 6 minutes
                             --warmup 30 (seconds of load before each closed-loop phase)
                             --seconds 10 (per phase) --step-seconds 10 (per open-model step)
                             --connections 64 --threads 2 (wrk) --drain-orders 50000
                             --steps 10,25,50,75,100 (% of the maximum) --one-gateway
                             --out .flashsale/bench (table, bench.json, bench.html, the stack's logs)
                             --env NAME=VALUE,... configuration of every service, to compare settings
                             --buyers 10000 (the pool of buyers whose tokens the orders carry, minted first;
                             one phase also mints a token per order, every one new to the gateway)
                """);
        return 0;
    }

    private Path dataDir(Args args) {
        return home.resolve(args.string("data-dir", ".flashsale")).toAbsolutePath().normalize();
    }

    private int up(Args args) throws Exception {
        Path dataDir = dataDir(args);
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
                args.integer("keycloak-port", defaults.keycloakPort()), Map.of(), true);
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
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("flashsale.log");
        List<String> command = new ArrayList<>(List.of("setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dflashsale.home=" + home, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "up"));
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

    private static List<String> childArgs(Args args) {
        List<String> child = new ArrayList<>();
        for (String option : UP_OPTIONS) {
            String value = args.string(option, null);
            if (value != null) {
                child.add("--" + option);
                child.add(value);
            }
        }
        for (String flag : List.of("fresh", "no-demo")) {
            if (args.flag(flag)) {
                child.add("--" + flag);
            }
        }
        return child;
    }

    private int down(Args args) throws Exception {
        Path dataDir = dataDir(args);
        Optional<Properties> state = StateFile.live(StateFile.of(dataDir));
        if (state.isEmpty()) {
            out.println("flashsale is not running (no live launcher in " + dataDir + ")");
            return 0;
        }
        long pid = Long.parseLong(state.get().getProperty("launcher.pid"));
        ProcessHandle launcher = ProcessHandle.of(pid).orElseThrow();
        out.println("stopping flashsale (launcher pid " + pid + ")...");
        launcher.destroy();
        launcher.onExit().get(2, TimeUnit.MINUTES);
        out.println("stopped");
        return 0;
    }

    private int status(Args args) {
        Path dataDir = dataDir(args);
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
                health = new ServiceProbe(s.getProperty(name + ".management-url")).ready() ? "UP (ready)"
                        : "DOWN (not ready)";
            } else {
                health = Ports.isOpen(port) ? "UP (port open)" : "DOWN (port closed)";
            }
            healthy &= health.startsWith("UP");
            out.printf("  %-18s %-6d %-8d %s%n", name, port, pid, health);
        }
        return healthy ? 0 : 1;
    }

    private int simulate(Args args) throws Exception {
        Simulation.Settings settings = new Simulation.Settings(args.integer("users", 1000),
                args.integer("concurrency", 200), args.integer("stock", 50), args.integer("limit", 1),
                args.integer("repeats", 1), args.integer("quantity", 1),
                Duration.ofSeconds(args.integer("drain-timeout", 120)));
        Pipeline own = null;
        PipelineClient client;
        if (args.string("gateway", null) != null) {
            client = new PipelineClient(new PipelineClient.Endpoints(args.string("gateway", null),
                    required(args, "orders"), required(args, "inventory"), Map.of()),
                    Tokens.of(required(args, "issuer"), home.resolve(required(args, "signing-key"))));
        } else {
            Optional<PipelineClient> running = runningStack(args);
            if (running.isPresent()) {
                client = running.get();
            } else {
                own = ownPipeline("simulation");
                client = own.client();
            }
        }
        try {
            SimulationReport report = new Simulation(client, settings, System.err).run();
            report.print(out);
            return report.ok() ? 0 : 1;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private int soak(Args args) throws Exception {
        Soak.Settings settings = new Soak.Settings(Duration.ofMinutes(args.integer("minutes", 10)),
                args.integer("rate", 200), args.integer("workers", 16), args.integer("users", 5000));
        Optional<Properties> state = StateFile.live(StateFile.of(dataDir(args)));
        Pipeline own = null;
        PipelineClient client;
        int redisPort;
        if (state.isPresent()) {
            client = client(state.get());
            redisPort = Integer.parseInt(state.get().getProperty("redis.port"));
        } else {
            own = ownPipeline("soak");
            client = own.client();
            redisPort = own.stack().redis().port();
        }
        try {
            return new Soak(client, settings, redisPort, out).run() ? 0 : 1;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private int bench(Args args) throws Exception {
        List<Integer> steps = new ArrayList<>();
        for (String step : args.string("steps", "10,25,50,75,100").split(",")) {
            int percent;
            try {
                percent = Integer.parseInt(step.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--steps takes percentages like 10,25,50: " + step);
            }
            if (percent < 1 || percent > 200) {
                throw new IllegalArgumentException("--steps: each step is a percentage from 1 to 200, not " + percent);
            }
            steps.add(percent);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : args.string("env", "").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--env takes NAME=VALUE pairs separated by commas, not '" + pair + "'");
            }
            environment.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        Bench.Settings settings = new Bench.Settings(Duration.ofSeconds(positive(args, "warmup", 30)),
                Duration.ofSeconds(positive(args, "seconds", 10)),
                Duration.ofSeconds(positive(args, "step-seconds", 10)), positive(args, "connections", 64),
                positive(args, "threads", 2), positive(args, "drain-orders", 50_000), steps,
                !args.flag("one-gateway"), home.resolve(args.string("out", ".flashsale/bench")).normalize(),
                Map.copyOf(environment), positive(args, "buyers", 10_000));
        return new Bench(home, settings, out).run() ? 0 : 1;
    }

    /** A client of the stack a live {@code ./flashsale up} runs, if one does. */
    private Optional<PipelineClient> runningStack(Args args) {
        return StateFile.live(StateFile.of(dataDir(args))).map(Main::client);
    }

    private static PipelineClient client(Properties state) {
        return new PipelineClient(PipelineClient.Endpoints.of(state),
                Tokens.of(state.getProperty("keycloak.issuer"), Path.of(state.getProperty("keycloak.signing-key"))));
    }

    private Pipeline ownPipeline(String what) throws IOException {
        Path dir = Files.createTempDirectory("flashsale-" + what + "-");
        out.println("no running flashsale; starting one on free ports in " + dir + " for this " + what + "...");
        return Pipeline.start(PipelineOptions.ephemeral(home, dir));
    }

    private static String required(Args args, String option) {
        String value = args.string(option, null);
        if (value == null) {
            throw new IllegalArgumentException("--gateway needs --" + option + " too");
        }
        return value;
    }

    /** {@code ./flashsale token USER}: a realm user's access token, from the running stack's Keycloak. */
    int token(List<String> rest) {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new IllegalArgumentException("usage: ./flashsale token USER [--password P] (users: alice, bob, "
                    + "carol, dave, olivia, adam, sam)");
        }
        String user = rest.get(0);
        Args args = new Args(rest.subList(1, rest.size()), Set.of("password", "data-dir"), Set.of());
        Optional<Properties> state = StateFile.live(StateFile.of(dataDir(args)));
        if (state.isEmpty()) {
            System.err.println("flashsale is not running; start it with ./flashsale up");
            return 1;
        }
        out.println(KeycloakServer.passwordToken(state.get().getProperty("keycloak.issuer"), user,
                args.string("password", user)));
        return 0;
    }

    private static int positive(Args args, String name, int fallback) {
        int value = args.integer(name, fallback);
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1, not " + value);
        }
        return value;
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

    /** Asks a service whether it is ready. */
    private record ServiceProbe(String url) {
        boolean ready() {
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
}
