package io.flashsale.tools;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.flashsale.tools.bench.BenchCommand;
import io.flashsale.tools.simulate.SimulateCommand;
import io.flashsale.tools.soak.SoakCommand;
import io.flashsale.tools.token.TokenCommand;
import io.flashsale.tools.up.DownCommand;
import io.flashsale.tools.up.StatusCommand;
import io.flashsale.tools.up.UpCommand;

/** {@code ./flashsale up | down | status | token | simulate | soak | bench}: finds the command and runs it. */
public final class Main {

    private static final Map<String, Function<Context, Command>> COMMANDS = Map.of(
            "up", UpCommand::new,
            "down", DownCommand::new,
            "status", StatusCommand::new,
            "token", TokenCommand::new,
            "simulate", SimulateCommand::new,
            "soak", SoakCommand::new,
            "bench", BenchCommand::new);

    private Main() {
    }

    public static void main(String[] argv) {
        List<String> args = List.of(argv);
        String name = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        try {
            Function<Context, Command> command = COMMANDS.get(name);
            int code;
            if (command != null) {
                code = command.apply(Context.ofSystem()).run(rest);
            } else if (List.of("help", "--help", "-h").contains(name)) {
                code = help(System.out);
            } else {
                System.err.println("unknown command: " + name);
                help(System.err);
                code = 2;
            }
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
                             --kafka-brokers 1 (or 3: replicated topics, two in-sync replicas required)
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
                             --cold-rate 500 (orders/s of the first phase: 10 s on services just started,
                             no warm-up; 0 for none)
                """);
        return 0;
    }
}
