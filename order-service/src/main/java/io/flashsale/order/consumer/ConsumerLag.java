package io.flashsale.order.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.flashsale.contract.Topics;
import io.flashsale.order.config.OrderServiceConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

/**
 * The gauge {@code flashsale.consumer.lag.records}: records of {@link Topics#ORDERS_ACCEPTED} that the
 * consumer group has not committed yet, summed over the partitions, read from the broker every
 * {@code flashsale.kafka.lag-interval}. Measured against committed offsets (a committed record is in the
 * database) and by the broker, so it is there while no consumer runs, which is when it matters most; the
 * Kafka client's own {@code records-lag-max} sees only a live consumer's fetch position. Every replica
 * reports the same group's figure: aggregate with max, not sum. NaN until the first read and while the
 * broker does not answer.
 */
@Startup // the gauge is scraped, NaN, before the first read
@ApplicationScoped
public class ConsumerLag {

    static final String GAUGE = "flashsale.consumer.lag.records";

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    private final String group;
    private final Map<String, Object> kafka;
    private volatile double lag = Double.NaN;
    private boolean unreadable;
    private Admin admin;

    ConsumerLag(OrderServiceConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.group = config.kafka().consumerGroup();
        this.kafka = kafka;
        Gauge.builder(GAUGE, this, ConsumerLag::lag)
                .description("Records published to the topic and not yet committed by the consumer group")
                .tag("group", group)
                .tag("topic", Topics.ORDERS_ACCEPTED)
                .register(registry);
    }

    double lag() {
        return lag;
    }

    @Scheduled(identity = "consumer-lag", every = "${flashsale.kafka.lag-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        try {
            lag = read();
            if (unreadable) {
                unreadable = false;
                LOG.infof("the lag of consumer group %s is readable again: %.0f record(s)", group, lag);
            }
        } catch (RuntimeException e) {
            lag = Double.NaN;
            if (!unreadable) {
                unreadable = true;
                LOG.warnf("cannot read the lag of consumer group %s (%s); reporting NaN until it can", group,
                        e.getMessage());
            }
        }
    }

    /**
     * End offset minus committed offset, per partition. A partition the group never committed counts from
     * its first offset, where a new consumer of the group starts ({@code auto.offset.reset=earliest}).
     */
    private long read() {
        Admin admin = admin();
        List<TopicPartition> partitions = await(admin.describeTopics(List.of(Topics.ORDERS_ACCEPTED)).allTopicNames())
                .get(Topics.ORDERS_ACCEPTED).partitions().stream()
                .map(p -> new TopicPartition(Topics.ORDERS_ACCEPTED, p.partition()))
                .toList();
        Map<TopicPartition, OffsetAndMetadata> committed = await(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
        List<TopicPartition> neverCommitted = partitions.stream().filter(p -> committed.get(p) == null).toList();
        Map<TopicPartition, Long> firsts = neverCommitted.isEmpty() ? Map.of()
                : offsets(admin, neverCommitted, OffsetSpec.earliest());
        long total = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata commit = committed.get(p);
            long from = commit != null ? commit.offset() : firsts.get(p);
            total += Math.max(0, ends.get(p) - from);
        }
        return total;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) {
        return await(admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> adminConfig = new HashMap<>();
            kafka.forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                    adminConfig.put(key, value);
                }
            });
            adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "order-service-consumer-lag");
            adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
            adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getCause() != null ? e.getCause().toString() : e.toString(), e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
