package io.flashsale.order.service;

import java.util.List;

/** Where records that can never be persisted go, with their reason (the dead-letter topic). */
public interface DeadLetters {

    /** Sends them all and returns once every one is stored; throws if any is not. */
    void publish(List<DeadLetter> letters);
}
