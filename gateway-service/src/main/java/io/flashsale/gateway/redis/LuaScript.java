package io.flashsale.gateway.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script from the class path, called by EVALSHA. Its SHA-1 is computed locally, so the first
 * call needs no round trip; a server that does not know it (NOSCRIPT: new, restarted, flushed)
 * gets it by SCRIPT LOAD and the call is retried once.
 */
public final class LuaScript {

    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    public static LuaScript fromResource(String path) {
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("script " + path + " is not on the class path");
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read script " + path, e);
        }
    }

    /** Loads the script into Redis ahead of the first call. */
    public Uni<Void> load(ReactiveRedisDataSource redis) {
        return redis.execute("SCRIPT", "LOAD", source).replaceWithVoid();
    }

    public Uni<Response> call(ReactiveRedisDataSource redis, String[] keys, String... args) {
        String[] evalsha = arguments(keys, args);
        return redis.execute("EVALSHA", evalsha)
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.execute("SCRIPT", "LOAD", source)
                        .chain(() -> redis.execute("EVALSHA", evalsha)));
    }

    private String[] arguments(String[] keys, String[] args) {
        List<String> all = new ArrayList<>(2 + keys.length + args.length);
        all.add(sha);
        all.add(Integer.toString(keys.length));
        all.addAll(List.of(keys));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
