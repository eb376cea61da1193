package io.flashsale.stack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a bound passes. */
final class Wait {

    private Wait() {
    }

    static void until(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new StackException(what + " did not happen within " + bound.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting until " + what, e);
            }
        }
    }
}
