package io.flashsale.tools.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Recorder;

import io.flashsale.contract.RedisKeys;
import io.flashsale.stack.RespConnection;

/**
 * The Redis ceiling: the gateway's own reserve script, called by EVALSHA straight at Redis by
 * {@code connections} clients in a closed loop, each a new user ordering one unit. It runs on a
 * sale of its own that only Redis knows (inventory-service never reconciles it, so nothing is
 * published for it) and deletes that sale's keys afterwards.
 */
final class RedisCeiling {

    /** Calls per second, latencies, and replies other than ACCEPTED. */
    record Result(long calls, double seconds, double p50Millis, double p99Millis, double p999Millis, long errors) {
        double throughput() {
            return calls / seconds;
        }
    }

    private RedisCeiling() {
    }

    /**
     * The gateway's reserve script, as its jar packages it (a dependency of the tools, without the gateway's
     * own dependencies): the script the gateway runs, not a copy of it.
     */
    static final String RESERVE_SCRIPT = "lua/reserve.lua";

    /** The source of the gateway's reserve script, from the class path. */
    static String reserveScript() throws IOException {
        try (InputStream in = RedisCeiling.class.getClassLoader().getResourceAsStream(RESERVE_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(RESERVE_SCRIPT + " is not on the class path: the tools take it from "
                        + "the gateway-service jar; build with ./mvnw -DskipTests install");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Result run(int redisPort, String reserveScript, int connections, Duration duration)
            throws IOException, InterruptedException {
        String saleId = "bench-redis-" + UUID.randomUUID().toString().substring(0, 8);
        String[] keys = RedisKeys.all(saleId);
        String sha;
        try (RespConnection redis = new RespConnection(redisPort)) {
            sha = (String) redis.call("SCRIPT", "LOAD", reserveScript);
            redis.call("HSET", keys[0], RedisKeys.META_STATE, "ACTIVE", RedisKeys.META_STARTS_AT, "0",
                    RedisKeys.META_ENDS_AT, Long.toString(Instant.now().plus(Duration.ofDays(1)).toEpochMilli()),
                    RedisKeys.META_PER_USER_LIMIT, "1", RedisKeys.META_TOTAL, "1000000000");
            redis.call("SET", keys[1], "1000000000");
        }
        Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(1), 3);
        LongAdder calls = new LongAdder();
        LongAdder errors = new LongAdder();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(connections);
        try {
            for (int c = 0; c < connections; c++) {
                String user = "redis-" + c + "-";
                clients.add(CompletableFuture.runAsync(() -> {
                    try (RespConnection redis = new RespConnection(redisPort)) {
                        for (long i = 0; System.nanoTime() < end; i++) {
                            long sent = System.nanoTime();
                            String[] buckets = RedisKeys.reserve(saleId, user + i, Bench.LOAD_ADDRESS);
                            Object reply = redis.call("EVALSHA", sha, "8", keys[0], keys[1], keys[2], keys[3], keys[4],
                                    keys[5], buckets[6], buckets[7], UUID.randomUUID().toString(), user + i, "1", "",
                                    saleId, Bench.BUYER_RATE, Bench.BUYER_BURST, Bench.ADDRESS_RATE, Bench.ADDRESS_BURST);
                            recorder.recordValue(Math.min(System.nanoTime() - sent, TimeUnit.MINUTES.toNanos(1)));
                            calls.increment();
                            if (!(reply instanceof List<?> list) || !"ACCEPTED".equals(list.get(0))) {
                                errors.increment();
                            }
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String[] delete = new String[keys.length + 1];
        delete[0] = "DEL";
        System.arraycopy(keys, 0, delete, 1, keys.length);
        RespConnection.once(redisPort, delete);
        org.HdrHistogram.Histogram h = recorder.getIntervalHistogram();
        return new Result(calls.sum(), seconds, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, errors.sum());
    }
}
