package io.flashsale.order.messaging;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.flashsale.contract.Topics;
import io.flashsale.order.config.OrderServiceConfig;
import io.flashsale.platform.kafka.KafkaAdmin;
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
    private final KafkaAdmin admin;
    private volatile double lag = Double.NaN;
    private boolean unreadable;

    ConsumerLag(OrderServiceConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.group = config.kafka().consumerGroup();
        this.admin = new KafkaAdmin(kafka, "order-service-consumer-lag", ADMIN_TIMEOUT);
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
        // Commits first, ends after: under traffic the figure errs high, never reads 0 while records wait.
        Map<TopicPartition, OffsetAndMetadata> committed = admin.committed(group);
        return admin.lag(admin.endOffsets(Topics.ORDERS_ACCEPTED), committed);
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
