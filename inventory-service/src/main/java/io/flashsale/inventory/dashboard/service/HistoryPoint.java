package io.flashsale.inventory.dashboard.service;

/**
 * One live sample of a sale, as its history chart draws it.
 *
 * @param atMs when it was sampled, epoch milliseconds
 */
public record HistoryPoint(long atMs, long available, long pending, long drift) {
}
