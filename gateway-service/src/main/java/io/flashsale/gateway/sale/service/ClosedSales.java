package io.flashsale.gateway.sale.service;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.gateway.config.GatewayConfig;

/**
 * A short-lived local "sold out" flag per sale: after sell-out, most requests are answered without
 * a Redis round trip. The flag expires by itself, so stock that comes back (a released reservation,
 * a rebuild) is seen again within one time-to-live.
 */
@ApplicationScoped
public class SoldOutFlags {

    private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    public SoldOutFlags(GatewayConfig config) {
        this.ttlNanos = config.orders().soldOutFlagTtl().toNanos();
    }

    public void markSoldOut(String saleId) {
        expiries.put(saleId, System.nanoTime() + ttlNanos);
    }

    /** Stock came back (a released reservation): ask Redis again. */
    public void clear(String saleId) {
        expiries.remove(saleId);
    }

    public boolean isSoldOut(String saleId) {
        Long expiry = expiries.get(saleId);
        if (expiry == null) {
            return false;
        }
        if (System.nanoTime() - expiry < 0) {
            return true;
        }
        expiries.remove(saleId, expiry);
        return false;
    }
}
