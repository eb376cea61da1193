package io.flashsale.inventory.sale.service;

import java.util.EnumSet;
import java.util.Set;

import io.flashsale.contract.SaleState;

/** The state changes an admin can ask for, each with the states it may start from. */
public enum SaleTransition {
    PAUSE(SaleState.PAUSED, EnumSet.of(SaleState.ACTIVE)),
    RESUME(SaleState.ACTIVE, EnumSet.of(SaleState.PAUSED)),
    END(SaleState.ENDED, EnumSet.of(SaleState.ACTIVE, SaleState.PAUSED));

    private final SaleState target;
    private final Set<SaleState> from;

    SaleTransition(SaleState target, Set<SaleState> from) {
        this.target = target;
        this.from = from;
    }

    public SaleState target() {
        return target;
    }

    public boolean allowedFrom(SaleState state) {
        return from.contains(state);
    }
}
