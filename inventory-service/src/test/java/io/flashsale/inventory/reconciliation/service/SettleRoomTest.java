package io.flashsale.inventory.reconciliation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a reservation refused past the sale's total gives back, by its quantity and the drift (design §5.3). */
class SettleRoomTest {

    @ParameterizedTest(name = "quantity {0}, drift {1} -> {2}")
    @CsvSource({
        // the database holds the whole total: nothing back
        "1, -1, 0",
        "3, -3, 0",
        // Redis offered more than one order's worth again: nothing back, the rest is another order's
        "2, -5, 0",
        // room for part of the order: that part back
        "3, -2, 1",
        "3, -1, 2",
        // drift 0 or positive: at most the order's own units back, never more
        "2, 0, 2",
        "2, 4, 2",
    })
    void givesBackTheRoomTheDatabaseHasLeftAndNeverMoreThanTheOrder(int quantity, long drift, int back) {
        assertEquals(back, DriftCheck.roomFor(quantity, drift));
    }
}
