package io.flashsale.platform.kafka;

import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A consumer group's lag: the one calculation of it, for the lag gauge and for a rebuild's drain. */
public final class GroupLag {

    private GroupLag() {
    }

    /**
     * Records up to {@code target}, summed over its partitions, that the group has not committed. A
     * partition the group never committed counts from {@code firsts} (its first offset, where a new
     * consumer starts); a commit past the target counts 0.
     *
     * @throws IllegalArgumentException when a never-committed partition has no first offset
     */
    public static long behind(Map<TopicPartition, Long> target, Map<TopicPartition, OffsetAndMetadata> committed,
            Map<TopicPartition, Long> firsts) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            OffsetAndMetadata commit = committed.get(end.getKey());
            Long from = commit != null ? Long.valueOf(commit.offset()) : firsts.get(end.getKey());
            if (from == null) {
                throw new IllegalArgumentException("no first offset of " + end.getKey() + ", which the group never committed");
            }
            total += Math.max(0, end.getValue() - from);
        }
        return total;
    }
}
