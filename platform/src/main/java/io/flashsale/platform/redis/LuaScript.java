package io.flashsale.platform.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script from the class path (the services keep theirs under {@code lua/}), called by EVALSHA.
 * Its SHA-1 is computed here, so the first call needs no round trip; a server that does not know it
 * (NOSCRIPT: new, restarted, flushed, failed over) is sent the call once more as EVAL with the source,
 * which runs it and caches it there. EVAL, not SCRIPT LOAD: a cluster client routes EVAL by its keys to
 * the node that answered NOSCRIPT, but sends a SCRIPT LOAD, which names no key, to any node.
 * Reactive ({@link #call}) for the request paths, blocking ({@link #run}) for worker threads.
 */
public final class LuaScript {

    private static final Pattern BATCH_NOSCRIPT = Pattern.compile("ERR \\[\\d+] NOSCRIPT ");

    private final String resource;
    private final String source;
    private final String sha;

    private LuaScript(String resource, String source) {
        this.resource = resource;
        this.source = source;
        this.sha = sha1(source);
    }

    public static LuaScript fromResource(String resource) {
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + resource + " is not on the class path");
            }
            return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + resource, e);
        }
    }

    /** The script's SHA-1, as Redis names it. */
    public String sha() {
        return sha;
    }

    /** Loads the script into Redis ahead of the first call. */
    public Uni<Void> load(ReactiveRedisDataSource redis) {
        return redis.execute("SCRIPT", "LOAD", source).replaceWithVoid();
    }

    /** Runs the script without blocking. */
    public Uni<Response> call(ReactiveRedisDataSource redis, String[] keys, String... args) {
        String[] evalsha = arguments(sha, keys, args);
        return redis.execute("EVALSHA", evalsha)
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.execute("EVAL", arguments(source, keys, args)));
    }

    /**
     * Runs the script, then {@code WAIT replicas timeout} on the same connection (one round trip, pipelined),
     * without blocking: the script's reply, and how many replicas confirmed every write made on that
     * connection, the script's included. On a cluster the pair goes to the master of the keys' slot.
     */
    public Uni<Replicated> callAndWait(ReactiveRedisDataSource redis, String[] keys, int replicas, Duration timeout,
            String... args) {
        Request wait = Request.cmd(Command.WAIT).arg(replicas).arg(Math.max(1, timeout.toMillis()));
        Redis client = redis.getRedis();
        return client.batch(List.of(request(Command.EVALSHA, sha, keys, args), wait))
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> client.batch(List.of(request(Command.EVAL, source, keys, args), wait)))
                .map(replies -> new Replicated(replies.get(0), replies.get(1).toInteger()));
    }

    /** A script's reply and the replicas that confirmed it ({@link #callAndWait}). */
    public record Replicated(Response reply, int replicas) {
    }

    private static Request request(Command command, String script, String[] keys, String[] args) {
        Request request = Request.cmd(command);
        for (String argument : arguments(script, keys, args)) {
            request.arg(argument);
        }
        return request;
    }

    /** Runs the script on the calling thread, which must be allowed to block. */
    public Response run(RedisDataSource redis, List<String> keys, List<String> args) {
        String[] keyArray = keys.toArray(String[]::new);
        String[] argArray = args.toArray(String[]::new);
        try {
            return redis.execute("EVALSHA", arguments(sha, keyArray, argArray));
        } catch (RuntimeException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            return redis.execute("EVAL", arguments(source, keyArray, argArray));
        }
    }

    private static String[] arguments(String script, String[] keys, String[] args) {
        String[] all = new String[2 + keys.length + args.length];
        all[0] = script;
        all[1] = Integer.toString(keys.length);
        System.arraycopy(keys, 0, all, 2, keys.length);
        System.arraycopy(args, 0, all, 2 + keys.length, args.length);
        return all;
    }

    /**
     * Whether Redis answered NOSCRIPT, however the client wrapped that answer: the error itself, or a
     * batch's failure naming the reply that failed ({@code ERR [0] NOSCRIPT …}).
     */
    static boolean isNoScript(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.startsWith("NOSCRIPT") || BATCH_NOSCRIPT.matcher(message).lookingAt())) {
                return true;
            }
        }
        return false;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    @Override
    public String toString() {
        return resource;
    }
}
