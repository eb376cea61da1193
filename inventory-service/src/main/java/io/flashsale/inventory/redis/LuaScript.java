package io.flashsale.inventory.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/** A Lua script from the class path: loaded once with SCRIPT LOAD, then run by its digest with EVALSHA. */
final class LuaScript {

    private final String resource;
    private final String source;
    private volatile String sha;

    private LuaScript(String resource, String source) {
        this.resource = resource;
        this.source = source;
    }

    static LuaScript fromResource(String resource) {
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + resource + " is not on the class path");
            }
            return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + resource, e);
        }
    }

    Response run(RedisDataSource redis, List<String> keys, List<String> args) {
        String digest = sha != null ? sha : load(redis);
        try {
            return evalsha(redis, digest, keys, args);
        } catch (RuntimeException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            // Redis restarted or flushed its script cache since we loaded this one.
            return evalsha(redis, load(redis), keys, args);
        }
    }

    private String load(RedisDataSource redis) {
        String digest = redis.execute("SCRIPT", "LOAD", source).toString();
        sha = digest;
        return digest;
    }

    private static Response evalsha(RedisDataSource redis, String digest, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(2 + keys.size() + args.size());
        command.add(digest);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return redis.execute("EVALSHA", command.toArray(String[]::new));
    }

    private static boolean isNoScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return resource;
    }
}
