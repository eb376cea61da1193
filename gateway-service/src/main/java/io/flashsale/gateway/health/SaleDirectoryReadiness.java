package io.flashsale.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.flashsale.gateway.sale.messaging.SaleDirectory;

/**
 * DOWN until the sales' directory has been read to where it ended when the gateway started: before that, a
 * sale Redis does not know could not be told apart from one that never existed. Once loaded, it stays UP.
 */
@Readiness
@ApplicationScoped
public class SaleDirectoryReadiness implements HealthCheck {

    private static final String NAME = "sales-directory";

    private final SaleDirectory directory;

    public SaleDirectoryReadiness(SaleDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(directory.isLoaded()).withData("sales", directory.size()).build();
    }
}
