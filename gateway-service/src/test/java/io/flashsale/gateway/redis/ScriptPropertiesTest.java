package io.flashsale.gateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.OrderEventCodec;
import io.flashsale.contract.RedisKeys;
import io.flashsale.stack.EmbeddedStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of reserve and release on a real Redis agree, step by step, with
 * {@link ScriptModel}, and never break the sale's invariants: stock never negative, stock plus
 * reserved units equal to the total, no user above the limit, seq counting accepted orders. After
 * every step, inventory-service's snapshot script (the reconciliation's one atomic view of the same
 * keys) sees exactly the model's stock, seq and reservations, so that its drift is 0.
 */
class ScriptPropertiesTest {

    private static final String RESERVE = source("lua/reserve.lua");
    private static final String RELEASE = source("lua/release.lua");
    /** The other side of the keyspace contract, read from inventory-service's sources. */
    private static final String SNAPSHOT = file(Path.of("..", "inventory-service", "src", "main", "resources", "lua",
            "snapshot.lua"));
    private static final AtomicInteger SALES = new AtomicInteger();

    private static EmbeddedStack stack;
    private static Vertx vertx;
    private static Redis client;

    sealed interface Step permits Reserve, Release {
    }

    /** {@code key} is empty for an order without an idempotency key. */
    record Reserve(String userId, int quantity, String key) implements Step {
    }

    /** Releases the {@code pick}-th order accepted so far (modulo their number), released or not. */
    record Release(int pick) implements Step {
    }

    @BeforeContainer
    static void startRedis() {
        stack = EmbeddedStack.builder()
                .dir(Path.of("target", "jqwik-redis"))
                .pieces(EnumSet.of(EmbeddedStack.Piece.REDIS))
                .fresh(true)
                .build()
                .start();
        vertx = Vertx.vertx();
        RedisOptions options = new RedisOptions().setPreferredProtocolVersion(ProtocolVersion.RESP2);
        if (stack.hasRedisCluster()) {
            // -Dredis=cluster: the scripts run on the cluster, so a key of another slot fails them (CROSSSLOT).
            options.setType(io.vertx.redis.client.RedisClientType.CLUSTER);
            stack.redisCluster().nodes().forEach(node -> options.addConnectionString(node.uri()));
        } else {
            options.setConnectionString(stack.redis().uri());
        }
        client = Redis.createClient(vertx, options);
    }

    @AfterContainer
    static void stopRedis() {
        if (client != null) {
            client.close();
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Property(tries = 200)
    void theScriptsDoWhatTheModelDoes(@ForAll @IntRange(min = 1, max = 20) int total,
            @ForAll @IntRange(min = 1, max = 4) int limit, @ForAll("steps") List<Step> steps) {
        String saleId = "prop-" + SALES.incrementAndGet();
        warm(saleId, total, limit);
        ScriptModel model = new ScriptModel(total, limit);
        for (Step step : steps) {
            if (step instanceof Reserve r) {
                reserve(saleId, model, r);
            } else if (step instanceof Release r) {
                release(saleId, model, r);
            }
            assertInvariants(saleId, model);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> reserve = Combinators.combine(
                        Arbitraries.of("ann", "bob", "cid"),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.of("", "k1", "k2"))
                .as(Reserve::new);
        Arbitrary<Step> release = Arbitraries.integers().between(0, 63).map(Release::new);
        return Arbitraries.frequencyOf(Tuple.of(3, reserve), Tuple.of(1, release)).list().ofMinSize(1).ofMaxSize(40);
    }

    private static void reserve(String saleId, ScriptModel model, Reserve r) {
        String orderId = UUID.randomUUID().toString();
        // Rate 0: no buckets; their arithmetic is tested through the gateway (RateLimitTest).
        Response reply = eval(RESERVE, RedisKeys.reserve(saleId, r.userId(), "127.0.0.1"), orderId, r.userId(),
                Integer.toString(r.quantity()), r.key(), saleId, "0", "0", "0", "0");
        List<String> expected = model.reserve(orderId, r.userId(), r.quantity(), r.key());
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < reply.size(); i++) {
            if (!(isEventPosition(expected.get(0), i))) {
                actual.add(reply.get(i) == null ? null : reply.get(i).toString());
            }
        }
        assertEquals(expected, actual, "reserve " + r);
        if (expected.get(0).equals("ACCEPTED") || expected.get(0).equals("DUPLICATE")) {
            ScriptModel.Reservation reservation = model.live.get(expected.get(1));
            assertEvent(saleId, model, reservation, OrderEventCodec.decode(reply.get(2).toString()));
        }
    }

    private static boolean isEventPosition(String kind, int index) {
        return index == 2 && (kind.equals("ACCEPTED") || kind.equals("DUPLICATE"));
    }

    private static void assertEvent(String saleId, ScriptModel model, ScriptModel.Reservation r, OrderEvent event) {
        assertEquals(r.orderId(), event.orderId());
        assertEquals(saleId, event.saleId());
        assertEquals(r.userId(), event.userId());
        assertEquals(r.quantity(), event.quantity());
        assertEquals(r.seq(), event.seq());
        assertEquals(r.key().isEmpty() ? null : r.key(), event.idempotencyKey());
        assertEquals(model.limit, event.perUserLimit());
        assertEquals(model.total, event.saleTotal());
    }

    private static void release(String saleId, ScriptModel model, Release step) {
        if (model.accepted.isEmpty()) {
            Response reply = eval(RELEASE, RedisKeys.all(saleId), UUID.randomUUID().toString(), "nobody", "1", "");
            assertEquals(0, reply.toLong(), "release of an unknown order");
            return;
        }
        ScriptModel.Reservation r = model.accepted.get(step.pick() % model.accepted.size());
        Response reply = eval(RELEASE, RedisKeys.all(saleId), r.orderId(), r.userId(), Integer.toString(r.quantity()), r.key());
        assertEquals(model.release(r), reply.toLong(), "release " + r);
    }

    private static void assertInvariants(String saleId, ScriptModel model) {
        List<Response> state = await(client.batch(List.of(
                Request.cmd(Command.GET).arg(RedisKeys.stock(saleId)),
                Request.cmd(Command.GET).arg(RedisKeys.seq(saleId)),
                Request.cmd(Command.HGETALL).arg(RedisKeys.reservations(saleId)),
                Request.cmd(Command.HGETALL).arg(RedisKeys.buyers(saleId)),
                Request.cmd(Command.HGETALL).arg(RedisKeys.idempotency(saleId)))));
        long stock = state.get(0).toLong();
        Map<String, String> reservations = hash(state.get(2));
        Map<String, String> buyers = hash(state.get(3));

        assertTrue(stock >= 0, "stock " + stock);
        assertEquals(model.stock, stock);
        long reserved = reservations.values().stream().mapToLong(e -> OrderEventCodec.decode(e).quantity()).sum();
        assertEquals(model.total, stock + reserved, "stock + reserved units");
        buyers.forEach((user, units) -> assertTrue(Integer.parseInt(units) <= model.limit, user + " holds " + units));
        assertEquals(model.accepted.size(), state.get(1).toLong(), "seq");
        assertEquals(model.live.keySet(), reservations.keySet(), "reservations");
        Map<String, String> expectedBuyers = new HashMap<>();
        model.units.forEach((user, units) -> expectedBuyers.put(user, Integer.toString(units)));
        assertEquals(expectedBuyers, buyers, "buyers");
        assertEquals(model.idempotency, hash(state.get(4)), "idempotency keys");
        assertSnapshot(saleId, model, reservations);
    }

    private static void assertSnapshot(String saleId, ScriptModel model, Map<String, String> reservations) {
        Response snapshot = await(client.send(Request.cmd(Command.EVAL).arg(SNAPSHOT).arg(4)
                .arg(RedisKeys.meta(saleId)).arg(RedisKeys.stock(saleId)).arg(RedisKeys.seq(saleId))
                .arg(RedisKeys.reservations(saleId)).arg(RedisKeys.META_STATE)));
        assertEquals(1, snapshot.get(0).toInteger(), "snapshot: meta exists");
        assertEquals("ACTIVE", snapshot.get(1).toString(), "snapshot: state");
        long stock = snapshot.get(2).toLong();
        assertEquals(model.stock, stock, "snapshot: stock");
        assertEquals(model.accepted.size(), snapshot.get(3).toLong(), "snapshot: seq");
        Map<String, String> logged = hash(snapshot.get(4));
        assertEquals(reservations, logged, "snapshot: reservations");
        // Nothing is persisted in this model: every live reservation is pending, and the drift is 0.
        long pending = logged.values().stream().mapToLong(e -> OrderEventCodec.decode(e).quantity()).sum();
        assertEquals(0, model.total - stock - pending, "snapshot: drift");
    }

    private static void warm(String saleId, int total, int limit) {
        Instant now = Instant.now();
        await(client.batch(List.of(
                Request.cmd(Command.HSET).arg(RedisKeys.meta(saleId))
                        .arg(RedisKeys.META_STATE).arg("ACTIVE")
                        .arg(RedisKeys.META_TOTAL).arg(total)
                        .arg(RedisKeys.META_PER_USER_LIMIT).arg(limit)
                        .arg(RedisKeys.META_STARTS_AT).arg(now.minus(Duration.ofHours(1)).toEpochMilli())
                        .arg(RedisKeys.META_ENDS_AT).arg(now.plus(Duration.ofHours(1)).toEpochMilli()),
                Request.cmd(Command.SET).arg(RedisKeys.stock(saleId)).arg(total),
                Request.cmd(Command.SET).arg(RedisKeys.seq(saleId)).arg(0))));
    }

    private static Response eval(String script, String[] keys, String... args) {
        Request request = Request.cmd(Command.EVAL).arg(script).arg(keys.length);
        for (String key : keys) {
            request.arg(key);
        }
        for (String arg : args) {
            request.arg(arg);
        }
        return await(client.send(request));
    }

    private static Map<String, String> hash(Response flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return map;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Redis did not answer: " + e, e);
        }
    }

    private static String file(Path path) {
        try {
            return java.nio.file.Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path.toAbsolutePath(), e);
        }
    }

    private static String source(String path) {
        try (InputStream in = ScriptPropertiesTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
