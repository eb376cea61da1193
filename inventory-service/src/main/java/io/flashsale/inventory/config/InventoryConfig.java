package io.flashsale.inventory.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything inventory-service can be tuned with, under {@code flashsale.*}. */
@ConfigMapping(prefix = "flashsale")
public interface InventoryConfig {

    Sales sales();

    Reconciliation reconciliation();

    Dashboard dashboard();

    interface Sales {
        /** How long a sale lasts when its creation names no {@code endsAt}: counted from {@code startsAt}. */
        @WithDefault("1h")
        Duration defaultDuration();

        /**
         * How often every sale not yet acknowledged by the sales' directory ({@code flashsale.sales}) is
         * published to it; read by the scheduler's {@code every} expression.
         */
        @WithDefault("10s")
        Duration directoryInterval();
    }

    interface Reconciliation {
        /** Whether the scheduled run happens; runs asked for through the API happen regardless. */
        @WithDefault("true")
        boolean enabled();

        /** Period of the scheduled run; read by the scheduler's {@code every} expression. */
        @WithDefault("5s")
        Duration interval();

        /** Age (by Redis time) after which a reservation missing from the database is published again. */
        @WithDefault("10s")
        Duration republishGrace();

        /**
         * How long a re-publication waits for the broker's acks of one batch of sends: longer than the
         * producer's {@code delivery.timeout.ms} (10 s), which fails a send before this.
         */
        @WithDefault("30s")
        Duration republishAckTimeout();

        /**
         * Time a rebuild waits after pausing a sale before it trusts the consumer lag: longer than the
         * gateway's worst case for one publish (ack timeout 3 s + {@code max.block.ms} 2 s +
         * {@code delivery.timeout.ms} 10 s), so that no publish from before the pause is still in flight.
         */
        @WithDefault("20s")
        Duration publishSettle();

        /** Longest a rebuild waits, from the pause, for the pipeline to drain before it reports waiting. */
        @WithDefault("120s")
        Duration drainTimeout();

        /** The consumer group that persists orders; a rebuild waits until it has no lag. */
        @WithDefault("order-service")
        String consumerGroup();

        /** Longest a run asked for through the API waits for another replica's run to finish. */
        @WithDefault("30s")
        Duration lockWait();

        /** Most runs one history request returns. */
        @WithDefault("1000")
        int historyMax();
    }

    interface Dashboard {
        /**
         * Period of the dashboard's sampling of every sale (one snapshot and one read of the order
         * tables per sale), shared by every connected page; read by the scheduler's {@code every}.
         */
        @WithDefault("1s")
        Duration interval();

        /** How far back each sale's drift-and-pending history goes: {@code history / interval} points. */
        @WithDefault("10m")
        Duration history();
    }
}
