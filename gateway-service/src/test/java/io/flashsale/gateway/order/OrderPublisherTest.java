package io.flashsale.gateway.order;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import io.flashsale.gateway.order.messaging.OrderPublisher;

/** Which publish failures may release a reservation: only those that prove nothing was sent. */
class OrderPublisherTest {

    @Test
    void aDeliveryTimeoutWrappedByTheConnectorIsUnknown() {
        Throwable failure = new IllegalStateException("Retries exhausted",
                new TimeoutException("Expiring 1 record(s): 10001 ms has passed since batch creation"));
        assertFalse(OrderPublisher.neverSent(failure));
    }

    @Test
    void aMetadataTimeoutIsUnknownBecauseTheConnectorRetriesIt() {
        assertFalse(OrderPublisher.neverSent(new TimeoutException("Topic t not present in metadata after 2000 ms.")));
    }

    @Test
    void aBareIllegalStateIsUnknown() {
        assertFalse(OrderPublisher.neverSent(new IllegalStateException("downstream closed")));
    }

    @Test
    void recordsThatCanNeverBeSentAreReleased() {
        assertTrue(OrderPublisher.neverSent(new SerializationException("bad")));
        assertTrue(OrderPublisher.neverSent(new IllegalStateException("wrapped", new RecordTooLargeException("big"))));
    }
}
