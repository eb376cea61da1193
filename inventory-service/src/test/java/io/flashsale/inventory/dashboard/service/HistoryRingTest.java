package io.flashsale.inventory.dashboard.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import io.flashsale.inventory.dashboard.service.HistoryPoint;

class HistoryRingTest {

    @Test
    void keepsTheNewestPointsUpToItsCapacity() {
        HistoryRing ring = new HistoryRing(3);
        LongStream.rangeClosed(1, 5).forEach(t -> ring.add(point(t)));

        assertEquals(List.of(point(3), point(4), point(5)), ring.upTo(Long.MAX_VALUE));
    }

    @Test
    void upToLeavesOutLaterPoints() {
        HistoryRing ring = new HistoryRing(10);
        LongStream.rangeClosed(1, 4).forEach(t -> ring.add(point(t)));

        assertEquals(List.of(point(1), point(2)), ring.upTo(2));
    }

    @Test
    void dropBeforeForgetsOlderPoints() {
        HistoryRing ring = new HistoryRing(10);
        LongStream.rangeClosed(1, 4).forEach(t -> ring.add(point(t)));

        ring.dropBefore(3);

        assertEquals(List.of(point(3), point(4)), ring.upTo(Long.MAX_VALUE));
    }

    @Test
    void aRingHoldsAtLeastOnePoint() {
        assertThrows(IllegalArgumentException.class, () -> new HistoryRing(0));
    }

    private static HistoryPoint point(long atMs) {
        return new HistoryPoint(atMs, 10 - atMs, atMs, 0);
    }
}
