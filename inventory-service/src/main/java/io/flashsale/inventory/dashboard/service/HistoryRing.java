package io.flashsale.inventory.dashboard.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.flashsale.inventory.dashboard.service.HistoryPoint;

/** The newest samples of one sale, at most {@code capacity}: the oldest goes when a new one comes. */
final class HistoryRing {

    private final int capacity;
    private final Deque<HistoryPoint> points;

    HistoryRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.points = new ArrayDeque<>(capacity);
    }

    synchronized void add(HistoryPoint point) {
        if (points.size() == capacity) {
            points.removeFirst();
        }
        points.addLast(point);
    }

    /** Forgets the samples taken before this time (sampling stops while nobody watches). */
    synchronized void dropBefore(long atMs) {
        while (!points.isEmpty() && points.peekFirst().atMs() < atMs) {
            points.removeFirst();
        }
    }

    /** The samples taken up to this time, oldest first. */
    synchronized List<HistoryPoint> upTo(long atMs) {
        return points.stream().filter(p -> p.atMs() <= atMs).toList();
    }
}
