package io.flashsale.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.awaitility.Awaitility;

import io.flashsale.stack.testing.InjectIssuer;
import io.flashsale.stack.testing.TestIssuer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What every gateway test needs: its own URL and management URL, Redis, the Kafka bootstrap servers,
 * and the OpenID provider that mints its buyers' tokens.
 */
abstract class GatewayTestBase {

    @TestHTTPResource("/")
    URL base;

    @TestHTTPResource(value = "/", management = true)
    URL managementBase;

    @InjectIssuer
    TestIssuer issuer;

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

    /** The absolute {@code path} (such as /q/metrics) on the management interface's port. */
    String management(String path) {
        return URI.create(managementBase.toString()).resolve(path).toString();
    }

    /** An order by {@code buyer}, with a valid token of that buyer's. */
    HttpRequest order(String saleId, String buyer, int quantity, String idempotencyKey) {
        return Http.postOrder(uri(), issuer.buyer(buyer), saleId, quantity, idempotencyKey);
    }

    /**
     * Orders one unit of {@code saleId}, a new user each time, until one is accepted: how a client
     * sees a gateway recover. Every answer, refusals included, is added to {@code seen}.
     */
    Http.Answer awaitAccepted(String saleId, Duration atMost, List<Http.Answer> seen) {
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
