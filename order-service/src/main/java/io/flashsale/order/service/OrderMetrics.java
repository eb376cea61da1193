package io.flashsale.order.service;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.order.persistence.RejectionReason;
import io.flashsale.order.persistence.WriteOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The consumer's meters; names are dotted here and appear in Prometheus with underscores. Created at
 * startup, so that every meter is scraped, at zero, before the first batch.
 */
@Startup
@ApplicationScoped
public class OrderMetrics {

    private final MeterRegistry registry;
    private final Counter persisted;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final DistributionSummary batchSize;
    private final Timer batchDuration;
    private final Map<Step, Counter> retries = new EnumMap<>(Step.class);
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);

    OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        persisted = Counter.builder("flashsale.orders.persisted")
                .description("Orders inserted into orders.orders")
                .register(registry);
        duplicates = Counter.builder("flashsale.orders.duplicates")
                .description("Orders received again and ignored because their id was already persisted or rejected")
                .register(registry);
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, Counter.builder("flashsale.orders.rejected")
                    .description("Orders the database refused, inserted into orders.rejected_orders")
                    .tag("reason", reason.code())
                    .register(registry));
        }
        deadLettered = Counter.builder("flashsale.orders.dead.lettered")
                .description("Records that could not be decoded and were sent to the dead-letter topic")
                .register(registry);
        // Histograms with a few fixed buckets, so that Prometheus can tell percentiles over every replica.
        batchSize = DistributionSummary.builder("flashsale.order.batch.size")
                .description("Records per consumed batch")
                .serviceLevelObjectives(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2000)
                .register(registry);
        batchDuration = Timer.builder("flashsale.order.batch.duration")
                .description("Time to handle a batch, retries included, until its offsets may be committed")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(30), Duration.ofSeconds(60))
                .register(registry);
        for (Step step : Step.values()) {
            retries.put(step, Counter.builder("flashsale.order.batch.retries")
                    .description("Failed attempts of a batch step, each followed by a retry")
                    .tag("step", step.tag())
                    .register(registry));
        }
    }

    Timer.Sample batchStarted(int records) {
        batchSize.record(records);
        return Timer.start(registry);
    }

    void batchEnded(Timer.Sample sample) {
        sample.stop(batchDuration);
    }

    void written(WriteOutcome outcome) {
        persisted.increment(outcome.persisted());
        duplicates.increment(outcome.duplicates());
        outcome.rejected().forEach(r -> rejected.get(r.reason()).increment());
    }

    void deadLettered(int records) {
        deadLettered.increment(records);
    }

    void retried(Step step) {
        retries.get(step).increment();
    }
}
