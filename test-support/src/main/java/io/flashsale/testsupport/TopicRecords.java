package io.flashsale.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * What a topic holds, read with SmallRye's {@link KafkaCompanion}: every record from the first offset up
 * to the end the topic had when asked, which KafkaCompanion's consumers do not bound by themselves.
 */
public final class TopicRecords {

    /** How long a read may take before the test fails. */
    public static final Duration BOUND = Duration.ofSeconds(30);

    private TopicRecords() {
    }

    /** Every record of {@code topic}, up to its end offsets at the time of the call. */
    public static List<ConsumerRecord<String, String>> upToEnd(KafkaCompanion kafka, String topic) {
        List<TopicPartition> partitions = partitions(kafka, topic);
        Map<TopicPartition, Long> firsts = offsets(kafka, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(kafka, partitions, OffsetSpec.latest());
        long count = ends.entrySet().stream().mapToLong(e -> e.getValue() - firsts.get(e.getKey())).sum();
        if (count == 0) {
            return List.of();
        }
        ConsumerTask<String, String> task = kafka.consumeStrings().fromOffsets(firsts, records -> records
                .select().where(r -> r.offset() < ends.get(new TopicPartition(r.topic(), r.partition())))
                .select().first(count));
        try {
            return List.copyOf(task.awaitCompletion(BOUND).getRecords());
        } finally {
            task.stop();
        }
    }

    /** The records the topic has held in all (its end offsets, summed): what any publish moves. */
    public static long total(KafkaCompanion kafka, String topic) {
        return endOffsets(kafka, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The end offset of every partition of {@code topic} now. */
    public static Map<TopicPartition, Long> endOffsets(KafkaCompanion kafka, String topic) {
        return offsets(kafka, partitions(kafka, topic), OffsetSpec.latest());
    }

    private static List<TopicPartition> partitions(KafkaCompanion kafka, String topic) {
        return kafka.topics().describe(topic).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    private static Map<TopicPartition, Long> offsets(KafkaCompanion kafka, List<TopicPartition> partitions,
            OffsetSpec spec) {
        return kafka.offsets().list(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).entrySet()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
