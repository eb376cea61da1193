package io.flashsale.gateway.sale.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.flashsale.contract.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * Every sale that exists, read whole from the sales' directory ({@link Topics#SALES}, compacted, written by
 * inventory-service) and followed for as long as the gateway runs: what tells a sale Redis has forgotten (a
 * failover, a FLUSHALL, a restart without persistence: 503 sale-recovering until reconciliation has rebuilt
 * it) from a sale that never existed (404). Read by one thread of its own with a consumer of no group (every
 * gateway reads every record), into memory: a sale id or so per sale.
 */
@ApplicationScoped
public class SaleDirectory {

    private static final Logger LOG = Logger.getLogger(SaleDirectory.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Set<String> sales = ConcurrentHashMap.newKeySet();
    /** Completed once the records that were on the topic when the gateway started have all been read. */
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final Map<String, Object> config;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread reader;

    public SaleDirectory(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-sales-directory");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        reader = new Thread(this::read, "sales-directory");
        reader.setDaemon(true);
        reader.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            reader.join(Duration.ofSeconds(5).toMillis());
        }
    }

    /** Whether every record that was on the topic at start has been read. */
    public boolean isLoaded() {
        return loaded.isDone();
    }

    /** How many sales the directory holds. */
    public int size() {
        return sales.size();
    }

    /**
     * Whether the sale exists, once the directory is loaded; fails when it is not loaded within {@code wait}
     * (Kafka unreachable since the gateway started).
     */
    public Uni<Boolean> knows(String saleId, Duration wait) {
        if (loaded.isDone()) {
            return Uni.createFrom().item(sales.contains(saleId));
        }
        return Uni.createFrom().completionStage(loaded.copy())
                .ifNoItem().after(wait).failWith(() -> new IllegalStateException("the sales' directory is not loaded"))
                .map(ignored -> sales.contains(saleId));
    }

    private void read() {
        while (running) {
            try (KafkaConsumer<String, String> current = new KafkaConsumer<>(config)) {
                consumer = current;
                if (!running) {
                    return;
                }
                follow(current);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("sales' directory: %s; reading it again in %s", e.toString(), RETRY);
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(KafkaConsumer<String, String> current) {
        List<TopicPartition> partitions = partitions(current);
        current.assign(partitions);
        current.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = current.endOffsets(partitions);
        while (running) {
            for (ConsumerRecord<String, String> record : current.poll(POLL)) {
                if (record.key() == null) {
                    continue;
                }
                if (record.value() == null) {
                    sales.remove(record.key());
                } else {
                    sales.add(record.key());
                }
            }
            if (!loaded.isDone() && ends.entrySet().stream().allMatch(e -> current.position(e.getKey()) >= e.getValue())) {
                loaded.complete(null);
                LOG.infof("sales' directory loaded: %d sales", sales.size());
            }
        }
    }

    /** The topic's partitions; TopicSetup has created it before messaging starts. */
    private static List<TopicPartition> partitions(KafkaConsumer<String, String> current) {
        List<PartitionInfo> infos = current.partitionsFor(Topics.SALES);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.SALES + " has no partitions yet");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
