package io.flashsale.inventory.dashboard.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.flashsale.inventory.config.InventoryConfig;
import io.flashsale.inventory.dashboard.service.DashboardFrame;
import io.flashsale.inventory.dashboard.service.SaleCard;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Hands every frame the sampler takes to every subscriber, and keeps each sale's history (a ring of its
 * live samples over {@code flashsale.dashboard.history}) for the subscribers still to come. A new
 * subscriber's first frame carries the history, so that a page reloaded has its charts at once.
 */
@ApplicationScoped
public class DashboardFeed {

    private final BroadcastProcessor<DashboardFrame> frames = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Map<String, HistoryRing> history = new ConcurrentHashMap<>();
    private final Duration interval;
    private final Duration window;
    private final int points;
    private volatile DashboardFrame latest;

    @Inject
    public DashboardFeed(InventoryConfig config) {
        this(config.dashboard().interval(), config.dashboard().history());
    }

    DashboardFeed(Duration interval, Duration window) {
        this.interval = interval;
        this.window = window;
        this.points = (int) Math.max(1, window.toMillis() / Math.max(1, interval.toMillis()));
    }

    /** Whether anybody is subscribed: the sampler rests while nobody is. */
    public boolean watched() {
        return subscribers.get() > 0;
    }

    /** Frames from now on, the first with each sale's history; the newest is dropped for a slow reader. */
    public Multi<DashboardFrame> subscribe() {
        return Multi.createFrom().<DashboardFrame>deferred(() -> {
            AtomicBoolean first = new AtomicBoolean(true);
            // A frame sampled just now goes out at once; otherwise the first is the next one sampled.
            Multi<DashboardFrame> recentThenLive = Multi.createBy().concatenating().streams(
                    Multi.createFrom().optional(this::recent),
                    frames.onOverflow().dropPreviousItems());
            return recentThenLive.map(frame -> first.getAndSet(false) ? withHistory(frame) : frame);
        })
                .onSubscription().invoke(subscribers::incrementAndGet)
                .onTermination().invoke(subscribers::decrementAndGet);
    }

    /** Called by the one sampler, one frame at a time. */
    void publish(DashboardFrame frame) {
        long at = frame.at().toEpochMilli();
        Set<String> shown = frame.sales().stream().map(SaleCard::id).collect(Collectors.toSet());
        history.keySet().retainAll(shown);
        for (SaleCard card : frame.sales()) {
            if (card.live()) {
                history.computeIfAbsent(card.id(), id -> new HistoryRing(points)).add(card.point(frame.at()));
            }
        }
        history.values().forEach(ring -> ring.dropBefore(at - window.toMillis()));
        latest = frame;
        frames.onNext(frame);
    }

    /**
     * Ends every stream as shutdown begins (before the graceful wait for open requests, which a stream
     * that never ends would hold up for the whole timeout): the pages reconnect to another replica.
     */
    void endStreams(@Observes ShutdownDelayInitiatedEvent shutdown) {
        frames.onComplete();
    }

    /** The newest frame, unless it is older than two intervals. */
    private Optional<DashboardFrame> recent() {
        DashboardFrame frame = latest;
        boolean fresh = frame != null && frame.at().isAfter(Instant.now().minus(interval.multipliedBy(2)));
        return fresh ? Optional.of(frame) : Optional.empty();
    }

    private DashboardFrame withHistory(DashboardFrame frame) {
        long at = frame.at().toEpochMilli();
        return frame.withCards(card -> {
            HistoryRing ring = history.get(card.id());
            return card.withHistory(ring == null ? List.of() : ring.upTo(at));
        });
    }
}
