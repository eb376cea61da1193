package io.flashsale.inventory.dashboard.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.SaleState;
import io.flashsale.inventory.dashboard.service.DashboardFrame;
import io.flashsale.inventory.dashboard.service.HistoryPoint;
import io.flashsale.inventory.dashboard.service.SaleCard;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

class DashboardFeedTest {

    private final Instant now = Instant.now();
    private final DashboardFeed feed = new DashboardFeed(Duration.ofSeconds(1), Duration.ofSeconds(3));

    @Test
    void theFirstFrameOfASubscriberCarriesTheHistoryWithinTheWindow() {
        feed.publish(frame(now.minusSeconds(5), 0));
        feed.publish(frame(now.minusSeconds(1), 2));
        feed.publish(frame(now, 3));

        AssertSubscriber<DashboardFrame> page = feed.subscribe().subscribe().withSubscriber(AssertSubscriber.create(2));
        feed.publish(frame(now.plusSeconds(1), 4));

        List<DashboardFrame> got = page.awaitItems(2).getItems();
        assertEquals(List.of(point(now.minusSeconds(1), 2), point(now, 3)), got.get(0).sales().get(0).history());
        assertNull(got.get(1).sales().get(0).history());
        assertEquals(4, got.get(1).sales().get(0).pending());
    }

    @Test
    void aSlowReaderGetsTheNewestFrameNotABacklog() {
        AssertSubscriber<DashboardFrame> page = feed.subscribe().subscribe().withSubscriber(AssertSubscriber.create(0));
        feed.publish(frame(now, 1));
        feed.publish(frame(now.plusSeconds(1), 2));
        feed.publish(frame(now.plusSeconds(2), 3));

        page.request(1).awaitItems(1);

        assertEquals(3, page.getItems().get(0).sales().get(0).pending());
    }

    @Test
    void theFeedIsWatchedWhileSomebodyIsSubscribed() {
        assertFalse(feed.watched());
        AssertSubscriber<DashboardFrame> page = feed.subscribe().subscribe().withSubscriber(AssertSubscriber.create(1));
        assertTrue(feed.watched());

        page.cancel();

        assertFalse(feed.watched());
    }

    @Test
    void shutdownEndsEveryStream() {
        AssertSubscriber<DashboardFrame> page = feed.subscribe().subscribe().withSubscriber(AssertSubscriber.create(1));

        feed.endStreams(new ShutdownDelayInitiatedEvent());

        page.awaitCompletion();
        assertFalse(feed.watched());
    }

    private static DashboardFrame frame(Instant at, long pending) {
        SaleCard card = new SaleCard("s", "sale", 10, 1, at, at.plusSeconds(60), SaleState.ACTIVE, "ACTIVE", true,
                10 - pending, pending, pending, 0L, 0L, 0L, null, null, null);
        return new DashboardFrame(at, 1000, 3000, null, List.of(card));
    }

    private static HistoryPoint point(Instant at, long pending) {
        return new HistoryPoint(at.toEpochMilli(), 10 - pending, pending, 0);
    }
}
