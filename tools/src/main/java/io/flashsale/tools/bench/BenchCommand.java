package io.flashsale.tools.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flashsale.tools.Args;
import io.flashsale.tools.Command;
import io.flashsale.tools.Context;

/**
 * {@code ./flashsale bench}: throughput and latency against ceilings measured in the same run, on a stack of
 * its own.
 */
public final class BenchCommand implements Command {

    private static final Set<String> OPTIONS = Set.of("seconds", "step-seconds", "connections", "threads",
            "drain-orders", "steps", "out", "env", "warmup", "buyers", "cold-rate");

    private final Context context;

    public BenchCommand(Context context) {
        this.context = context;
    }

    @Override
    public int run(List<String> rest) throws Exception {
        Args args = new Args(rest, OPTIONS, Set.of("one-gateway"));
        List<Integer> steps = steps(args);
        Map<String, String> environment = environment(args);
        Bench.Settings settings = new Bench.Settings(Duration.ofSeconds(args.positive("warmup", 30)),
                Duration.ofSeconds(args.positive("seconds", 10)),
                Duration.ofSeconds(args.positive("step-seconds", 10)), args.positive("connections", 64),
                args.positive("threads", 2), args.positive("drain-orders", 50_000), steps,
                !args.flag("one-gateway"), context.home().resolve(args.string("out", ".flashsale/bench")).normalize(),
                environment, args.positive("buyers", 10_000), coldRate(args));
        return new Bench(context.home(), settings, context.out()).run() ? 0 : 1;
    }

    /** {@code --cold-rate}: orders a second in the first 10 s on services just started; 0 for no such phase. */
    private static int coldRate(Args args) {
        int rate = args.integer("cold-rate", 500);
        if (rate < 0) {
            throw new IllegalArgumentException("--cold-rate must be 0 (no cold-start phase) or more, not " + rate);
        }
        return rate;
    }

    /** {@code --steps}: the open model's loads, in percent of the measured maximum. */
    private static List<Integer> steps(Args args) {
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
        return steps;
    }

    /** {@code --env NAME=VALUE,...}: configuration of every service. */
    private static Map<String, String> environment(Args args) {
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
        return Map.copyOf(environment);
    }
}
