package io.flashsale.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used by processes and their children between two readings, in cores (1.0 = one core busy
 * the whole time), from {@code /proc/<pid>/stat} (Linux). PostgreSQL's backends are children of
 * its postmaster, so they count with it.
 */
final class CpuMeter {

    /** Clock ticks per second of /proc's utime and stime: 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    private final Map<String, Long> pids;
    private Map<String, Long> startTicks;
    private long startNanos;

    /** @param pids name → pid of each process to watch */
    CpuMeter(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    void start() {
        startTicks = ticks();
        startNanos = System.nanoTime();
    }

    /** Cores used by each process since {@link #start()}; -1 where unknown. */
    Map<String, Double> stop() {
        Map<String, Long> end = ticks();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        pids.keySet().forEach(name -> {
            long before = startTicks.getOrDefault(name, -1L);
            long after = end.getOrDefault(name, -1L);
            cores.put(name, before < 0 || after < before ? -1 : (after - before) / TICKS / seconds);
        });
        return cores;
    }

    private Map<String, Long> ticks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, treeTicks(pid)));
        return ticks;
    }

    private static long treeTicks(long pid) {
        long own = processTicks(pid);
        if (own < 0) {
            return -1;
        }
        return own + ProcessHandle.of(pid).map(p -> p.descendants().mapToLong(d -> Math.max(0, processTicks(d.pid())))
                .sum()).orElse(0L);
    }

    /** utime + stime of one process, -1 if it is gone. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; the fields after it start past its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
