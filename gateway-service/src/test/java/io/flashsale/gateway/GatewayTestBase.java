package io.flashsale.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.awaitility.Awaitility;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;

/** What every gateway test needs: its own URL, Redis, and the Kafka bootstrap servers. */
abstract class GatewayTestBase {

    @TestHTTPResource("/")
    URL base;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    URI uri() {
        try {
            return base.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Orders one unit of {@code saleId}, a new user each time, until one is accepted: how a client
     * sees a gateway recover. Every answer, refusals included, is added to {@code seen}.
     */
    Http.Answer awaitAccepted(String saleId, Duration atMost, List<Http.Answer> seen) {
        Http.Answer[] accepted = new Http.Answer[1];
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            Http.Answer answer = Http.timed(Http.postOrder(uri(), saleId, "returning-" + seen.size(), 1, null));
            seen.add(answer);
            accepted[0] = answer;
            return answer.status() == 202;
        });
        return accepted[0];
    }
}
