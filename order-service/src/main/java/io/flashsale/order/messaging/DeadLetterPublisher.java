package io.flashsale.order.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.flashsale.contract.Topics;
import io.flashsale.order.config.OrderServiceConfig;
import io.flashsale.order.service.DeadLetter;
import io.flashsale.order.service.DeadLetters;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes refused records to {@link Topics#ORDERS_DLQ} and waits until the broker has them. */
@ApplicationScoped
public class DeadLetterPublisher implements DeadLetters {

    private final MutinyEmitter<String> emitter;
    private final Duration ackTimeout;

    DeadLetterPublisher(@Channel(OrderChannels.DEAD_LETTERS) MutinyEmitter<String> emitter, OrderServiceConfig config) {
        this.emitter = emitter;
        this.ackTimeout = config.kafka().deadLetterAckTimeout();
    }

    /** Sends them all at once and returns when every one is acknowledged; throws if any is not. */
    @Override
    public void publish(List<DeadLetter> letters) {
        List<Uni<Void>> sends = letters.stream().map(this::send).toList();
        Uni.join().all(sends).andFailFast().await().atMost(ackTimeout);
    }

    private Uni<Void> send(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.DLQ_REASON_HEADER, letter.reason().getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_SOURCE_HEADER, letter.source().getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(letter.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(letter.value()).addMetadata(metadata));
    }
}
