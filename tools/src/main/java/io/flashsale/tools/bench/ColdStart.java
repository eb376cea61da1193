package io.flashsale.tools.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The first seconds of a sale on services just started: orders at a fixed rate before any warm-up, each
 * with a buyer's token the gateway has not seen yet (a sale's first buyers all arrive at once, each with a
 * token of its own), latency from each request's intended send time, by the second it was sent in.
 *
 * @param rate     orders sent a second
 * @param seconds  each second of the phase, in order
 * @param cores    each process's CPU over the phase, in cores
 * @param sent     orders sent
 * @param accepted orders answered 202
 */
record ColdStart(int rate, List<Second> seconds, Map<String, Double> cores, long sent, long accepted) {

    /** One second of the phase: the orders sent in it, those answered, their median and p99 latency. */
    record Second(int second, long sent, long answered, double p50Millis, double p99Millis) {
    }

    /** From a load's latencies in send order (-1: no answer); request {@code i} was sent at {@code i / rate} s. */
    static ColdStart of(int rate, long[] latenciesBySendNanos, Map<String, Double> cores, long accepted) {
        List<Second> seconds = new ArrayList<>();
        for (int from = 0, second = 1; from < latenciesBySendNanos.length; from += rate, second++) {
            int to = Math.min(latenciesBySendNanos.length, from + rate);
            long[] answered = Arrays.stream(latenciesBySendNanos, from, to).filter(l -> l >= 0).sorted().toArray();
            seconds.add(new Second(second, to - from, answered.length, percentile(answered, 50), percentile(answered, 99)));
        }
        return new ColdStart(rate, List.copyOf(seconds), cores, latenciesBySendNanos.length, accepted);
    }

    /** CPU per accepted order over the phase, summed over the processes, in microseconds; -1 where unknown. */
    double cpuPerOrderMicros() {
        double cores = 0;
        for (double c : this.cores.values()) {
            if (c < 0) {
                return -1;
            }
            cores += c;
        }
        double phaseSeconds = (double) sent / rate;
        return accepted == 0 ? -1 : cores * phaseSeconds * 1e6 / accepted;
    }

    private static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return -1;
        }
        int at = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, at))] / 1e6;
    }
}
