package io.flashsale.inventory.dashboard.service;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One event of the dashboard stream: every sale, as sampled at {@code at}.
 *
 * @param intervalMs {@code flashsale.dashboard.interval}: the next event is due this long after this one
 * @param historyMs  {@code flashsale.dashboard.history}: how far back a chart goes
 * @param error      why the sales could not be read at all (the database is unreachable, say); the
 *                   sales are then those of the previous event, none of them live
 */
public record DashboardFrame(Instant at, long intervalMs, long historyMs, String error, List<SaleCard> sales) {

    public DashboardFrame withCards(UnaryOperator<SaleCard> change) {
        return new DashboardFrame(at, intervalMs, historyMs, error, sales.stream().map(change).toList());
    }
}
