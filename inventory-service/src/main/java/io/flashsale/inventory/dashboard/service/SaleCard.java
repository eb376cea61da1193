package io.flashsale.inventory.dashboard.service;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.flashsale.contract.SaleState;
import io.flashsale.inventory.reconciliation.service.RunView;
import io.flashsale.inventory.reconciliation.service.SaleFigures;
import io.flashsale.inventory.sale.persistence.Sale;

/**
 * One sale on the dashboard. The figures are those of docs/design.md §6.3; they are null when unknown.
 *
 * @param state      the state the database holds (what an admin set)
 * @param redisState {@code meta.state} in the sample: RECOVERING during a rebuild; null when the key is
 *                   missing or the sale was not sampled
 * @param live       whether the figures come from this sample (a snapshot of Redis and a read of the
 *                   order tables); when false they are the newest run's, if any
 * @param error      why the figures are not live, when something went wrong; null otherwise
 * @param lastRun    the newest reconciliation run of the sale, as {@code GET /api/reconciliation} shows it
 * @param history    the sale's live samples of the last {@code flashsale.dashboard.history}, oldest
 *                   first; only in the first event a subscriber receives
 */
public record SaleCard(String id, String name, int total, int perUserLimit, Instant startsAt, Instant endsAt,
        SaleState state, String redisState, boolean live, Long available, Long seq, Long pending, Long persisted,
        Long rejected, Long drift, String error, RunView lastRun,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<HistoryPoint> history) {

    /** Figures sampled just now. */
    public static SaleCard live(Sale sale, String redisState, SaleFigures f, RunView lastRun) {
        return new SaleCard(sale.id, sale.name, sale.totalStock, sale.perUserLimit, sale.startsAt, sale.endsAt,
                sale.state, redisState, true, f.available(), f.seq(), f.pending(), f.persisted(), f.rejected(),
                f.drift(), null, lastRun, null);
    }

    /** No live figures: those of the newest run (null without one), and why, when something went wrong. */
    public static SaleCard fromRun(Sale sale, String redisState, RunView run, String error) {
        return new SaleCard(sale.id, sale.name, sale.totalStock, sale.perUserLimit, sale.startsAt, sale.endsAt,
                sale.state, redisState, false, run == null ? null : run.redisAvailable(),
                run == null ? null : run.redisSeq(), run == null ? null : run.pending(),
                run == null ? null : run.persisted(), run == null ? null : run.rejected(),
                run == null ? null : run.drift(), error, run, null);
    }

    /** The same figures, no longer live (they could not be sampled again). */
    public SaleCard notLive() {
        return new SaleCard(id, name, total, perUserLimit, startsAt, endsAt, state, redisState, false, available, seq,
                pending, persisted, rejected, drift, error, lastRun, null);
    }

    public SaleCard withHistory(List<HistoryPoint> points) {
        return new SaleCard(id, name, total, perUserLimit, startsAt, endsAt, state, redisState, live, available, seq,
                pending, persisted, rejected, drift, error, lastRun, points);
    }

    /** This card as a point of its history; only for live cards. */
    public HistoryPoint point(Instant at) {
        return new HistoryPoint(at.toEpochMilli(), available, pending, drift);
    }
}
