package io.flashsale.gateway.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.order.messaging.KafkaBreaker;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * DOWN while the Kafka breaker is open and the broker does not answer. The check asks the broker
 * for its cluster id only while the breaker is open; when it answers, the breaker lets the next
 * order probe at once and the gateway reports ready again: otherwise a gateway taken out of its
 * Service would get no order to probe with, and would stay out for good.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements AsyncHealthCheck {

    private static final String NAME = "kafka";

    private final KafkaBreaker breaker;
    private final Duration timeout;
    private final Admin admin;

    public KafkaReadiness(KafkaBreaker breaker, GatewayConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.breaker = breaker;
        this.timeout = config.readinessTimeout();
        Map<String, Object> adminConfig = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "gateway-readiness");
        this.admin = Admin.create(adminConfig);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!breaker.isOpen()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("breaker", "closed").build());
        }
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
        return Uni.createFrom().completionStage(() -> admin.describeCluster(options).clusterId().toCompletionStage())
                .ifNoItem().after(timeout.plusMillis(100)).fail()
                .map(clusterId -> {
                    breaker.brokerAnswered();
                    return HealthCheckResponse.named(NAME).up().withData("breaker", "probing").build();
                })
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("breaker", "open").withData("error", e.toString()).build());
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
