package io.flashsale.order.service;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record that is not a valid order event: its original key and value, why it was refused, and
 * where it came from ({@code topic-partition@offset}).
 */
public record DeadLetter(String key, String value, String reason, String source) {

    public static DeadLetter of(ConsumerRecord<String, String> record, String reason) {
        String source = record.topic() + "-" + record.partition() + "@" + record.offset();
        return new DeadLetter(record.key(), record.value(), reason, source);
    }
}
