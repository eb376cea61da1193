package io.flashsale.inventory.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.contract.RedisKeys;
import io.flashsale.platform.redis.LuaScript;
import io.flashsale.contract.SaleState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.set.SetCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Response;

/** The admin side of a sale's Redis keys: warm-up, state changes, live figures. */
@ApplicationScoped
public class SaleRedis {

    private static final LuaScript WARM = LuaScript.fromResource("lua/warm.lua");
    private static final LuaScript SET_STATE = LuaScript.fromResource("lua/set_state.lua");

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final ValueCommands<String, String> values;
    private final SetCommands<String, String> sets;

    public SaleRedis(RedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.values = redis.value(String.class);
        this.sets = redis.set(String.class);
    }

    /**
     * Writes the meta hash and creates stock and seq only where they are missing, then lists the sale
     * in {@link RedisKeys#SALES} (a separate command: that set lives in another cluster slot).
     */
    public void warm(SaleMeta meta) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(meta.total()));
        meta.fields().forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        String id = meta.saleId();
        WARM.run(redis, List.of(RedisKeys.meta(id), RedisKeys.stock(id), RedisKeys.seq(id)), args);
        sets.sadd(RedisKeys.SALES, id);
    }

    /**
     * Sets {@code meta.state} unless a rebuild owns the sale (RECOVERING) or its meta is gone.
     *
     * @return the state Redis holds afterwards; empty when the sale has no meta
     */
    public Optional<String> setState(String saleId, SaleState state) {
        Response held = SET_STATE.run(redis, List.of(RedisKeys.meta(saleId)),
                List.of(RedisKeys.META_STATE, SaleState.RECOVERING.name(), state.name()));
        return Optional.ofNullable(held).map(Response::toString);
    }

    /** Sets {@code meta.state} unconditionally: only the rebuild, which owns the sale, does this. */
    public void forceState(String saleId, SaleState state) {
        hashes.hset(RedisKeys.meta(saleId), RedisKeys.META_STATE, state.name());
    }

    /** Writes the whole meta hash, as a rebuild does when it takes a sale over. */
    public void writeMeta(SaleMeta meta) {
        hashes.hset(RedisKeys.meta(meta.saleId()), meta.fields());
        sets.sadd(RedisKeys.SALES, meta.saleId());
    }

    public LiveSale live(String saleId) {
        String stock = values.get(RedisKeys.stock(saleId));
        String state = hashes.hget(RedisKeys.meta(saleId), RedisKeys.META_STATE);
        return new LiveSale(stock == null ? null : Long.valueOf(stock), state);
    }
}
