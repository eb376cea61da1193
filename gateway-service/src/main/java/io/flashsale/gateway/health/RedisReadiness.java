package io.flashsale.gateway.health;


import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.flashsale.gateway.redis.StockStore;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Ready only while Redis answers a PING within the readiness timeout: without Redis every order
 * is refused. Replaces Quarkus' own Redis check, which blocks a worker for the client's whole timeout.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {

    private static final String NAME = "redis";

    private final StockStore stock;

    public RedisReadiness(StockStore stock) {
        this.stock = stock;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return stock.ping()
                .map(pong -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("error", e.toString()).build());
    }
}
