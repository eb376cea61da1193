package io.flashsale.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The lag arithmetic, without a broker: per partition from the commit, or from the first offset. */
class GroupLagTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final TopicPartition P2 = new TopicPartition("t", 2);

    @Test
    void sumsWhatEachPartitionHasNotCommitted() {
        long lag = GroupLag.behind(Map.of(P0, 100L, P1, 50L),
                Map.of(P0, new OffsetAndMetadata(90), P1, new OffsetAndMetadata(50)), Map.of());
        assertEquals(10, lag);
    }

    @Test
    void aPartitionNeverCommittedCountsFromItsFirstOffset() {
        // Retention deleted the first 30 records of P2: a new consumer starts at 30, not at 0.
        long lag = GroupLag.behind(Map.of(P0, 100L, P2, 40L), Map.of(P0, new OffsetAndMetadata(100)), Map.of(P2, 30L));
        assertEquals(10, lag);
    }

    @Test
    void aCommitPastTheTargetCountsNothing() {
        // A target taken before the group committed further (a rebuild's snapshot of the end offsets).
        assertEquals(0, GroupLag.behind(Map.of(P0, 10L), Map.of(P0, new OffsetAndMetadata(25)), Map.of()));
    }

    @Test
    void aNeverCommittedPartitionWithoutAFirstOffsetIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> GroupLag.behind(Map.of(P1, 5L), Map.of(), Map.of()));
    }
}
