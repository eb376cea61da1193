package io.flashsale.gateway.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.awaitility.Awaitility;

import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.OrderEventCodec;
import io.flashsale.contract.Topics;
import io.flashsale.testsupport.InjectIssuer;
import io.flashsale.testsupport.TestIssuer;
import io.flashsale.testsupport.TopicRecords;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * What every gateway test needs: its own URL and management URL, Redis, the Kafka bootstrap servers,
 * and the OpenID provider that mints its buyers' tokens.
 */
public abstract class GatewayTestBase {

    @TestHTTPResource("/")
    protected URL base;

    @TestHTTPResource(value = "/", management = true)
    protected URL managementBase;

    @InjectIssuer
    protected TestIssuer issuer;

    @Inject
    protected RedisDataSource redis;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String kafka;

    protected URI uri() {
        try {
            return base.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The orders of {@code saleId} on the accepted topic, read to its end (SmallRye's KafkaCompanion). */
    protected List<OrderEvent> published(String saleId) {
        try (KafkaCompanion companion = new KafkaCompanion(kafka)) {
            return TopicRecords.upToEnd(companion, Topics.ORDERS_ACCEPTED).stream()
                    .map(r -> OrderEventCodec.decode(r.value()))
                    .filter(e -> saleId.equals(e.saleId()))
                    .toList();
        }
    }

    /** How many records the accepted topic has held in all: what any publish would move. */
    protected long publishedInAll() {
        try (KafkaCompanion companion = new KafkaCompanion(kafka)) {
            return TopicRecords.total(companion, Topics.ORDERS_ACCEPTED);
        }
    }

    /** The absolute {@code path} (such as /q/metrics) on the management interface's port. */
    protected String management(String path) {
        return URI.create(managementBase.toString()).resolve(path).toString();
    }

    /** An order by {@code buyer}, with a valid token of that buyer's. */
    protected HttpRequest order(String saleId, String buyer, int quantity, String idempotencyKey) {
        return Http.postOrder(uri(), issuer.buyer(buyer), saleId, quantity, idempotencyKey);
    }

    /**
     * Orders one unit of {@code saleId}, a new user each time, until one is accepted: how a client
     * sees a gateway recover. Every answer, refusals included, is added to {@code seen}.
     */
    protected Http.Answer awaitAccepted(String saleId, Duration atMost, List<Http.Answer> seen) {
        Http.Answer[] accepted = new Http.Answer[1];
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            Http.Answer answer = Http.timed(order(saleId, "returning-" + seen.size(), 1, null));
            seen.add(answer);
            accepted[0] = answer;
            return answer.status() == 202;
        });
        return accepted[0];
    }
}
