package io.flashsale.inventory.sale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.flashsale.contract.SaleState;

/** Which state each admin transition may start from, and where it leads: every pair, without a server. */
class SaleTransitionRulesTest {

    @ParameterizedTest
    @EnumSource(SaleTransition.class)
    void eachTransitionStartsOnlyFromItsStates(SaleTransition transition) {
        Set<SaleState> expected = switch (transition) {
            case PAUSE -> EnumSet.of(SaleState.ACTIVE);
            case RESUME -> EnumSet.of(SaleState.PAUSED);
            case END -> EnumSet.of(SaleState.ACTIVE, SaleState.PAUSED);
        };
        for (SaleState state : SaleState.values()) {
            assertEquals(expected.contains(state), transition.allowedFrom(state), transition + " from " + state);
        }
    }

    @ParameterizedTest
    @EnumSource(SaleTransition.class)
    void eachTransitionLeadsToItsState(SaleTransition transition) {
        SaleState expected = switch (transition) {
            case PAUSE -> SaleState.PAUSED;
            case RESUME -> SaleState.ACTIVE;
            case END -> SaleState.ENDED;
        };
        assertEquals(expected, transition.target());
    }
}
