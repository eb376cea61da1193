package io.flashsale.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.flashsale.gateway.config.GatewayConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The rate limits of the requests this gateway answers by itself, without Redis (the local sold-out
 * flag, the Kafka breaker open), in its memory: Bucket4j buckets in a bounded Caffeine cache. Every other
 * request is counted by the shared buckets of the reserve script, so that N gateways do not allow N
 * times the rate; a request is counted by one tier or the other, never both.
 */
@ApplicationScoped
public class LocalBuckets {

    private final Tier buyers;
    private final Tier addresses;

    public LocalBuckets(GatewayConfig config) {
        GatewayConfig.RateLimit limits = config.rateLimit();
        this.buyers = new Tier(limits.buyer().rate(), limits.buyer().burst(), limits.localBuckets());
        this.addresses = new Tier(limits.address().rate(), limits.address().burst(), limits.localBuckets());
    }

    /** Takes a token for the buyer and for the address; the refusal, or null when the request may go on. */
    public RateLimited take(String saleId, String buyerId, String address) {
        long buyerWait = buyers.take(saleId + '\u0000' + buyerId);
        if (buyerWait > 0) {
            return new RateLimited(RateLimited.BUYER, buyerWait);
        }
        long addressWait = addresses.take(saleId + '\u0000' + address);
        return addressWait > 0 ? new RateLimited(RateLimited.ADDRESS, addressWait) : null;
    }

    /** One kind of bucket: a rate, a burst, and at most {@code max} buckets, each dropped once full again. */
    private static final class Tier {
        private final int rate;
        private final int burst;
        private final Cache<String, Bucket> buckets;

        Tier(int rate, int burst, int max) {
            this.rate = rate;
            this.burst = burst;
            // A bucket untouched for as long as it takes to refill is full: a new one is the same.
            long refillMillis = rate > 0 ? (long) Math.ceil(burst * 1000.0 / rate) : 0;
            this.buckets = Caffeine.newBuilder().maximumSize(max)
                    .expireAfterAccess(Duration.ofMillis(refillMillis + 1000)).build();
        }

        /** 0 when a token was taken, else the milliseconds until one is there. */
        long take(String key) {
            if (rate <= 0) {
                return 0;
            }
            Bucket bucket = buckets.get(key, k -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)))
                    .build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForRefill()));
        }
    }
}
