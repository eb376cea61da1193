package io.flashsale.gateway.sale.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.sale.messaging.SaleDirectory;
import io.smallrye.mutiny.Uni;

/**
 * The answer about a sale whose keys Redis does not hold. A sale the sales' directory knows was forgotten by
 * Redis (a failover, a FLUSHALL, a restart without persistence): 503 sale-recovering with Retry-After, until
 * reconciliation notices (within one interval), pauses it and rebuilds it from the database. Only a sale the
 * directory does not know is 404 sale-not-found. While the directory has not been read once (Kafka
 * unreachable since the gateway started), neither can be told: 503 dependency-unavailable.
 */
@ApplicationScoped
public class ForgottenSales {

    /** Why Redis did not know the sale. */
    public enum Kind {
        /** The sale exists; Redis lost it. */
        FORGOTTEN,
        /** No such sale. */
        UNKNOWN,
        /** The directory is not loaded: cannot tell. */
        UNDECIDED
    }

    /** The kind, and what the client is told. */
    public record Answer(Kind kind, Problem problem) {
    }

    private final SaleDirectory directory;
    /** How long a request waits for a directory still loading: as long as for a Redis call. */
    private final Duration wait;

    public ForgottenSales(SaleDirectory directory, GatewayConfig config) {
        this.directory = directory;
        this.wait = config.redisTimeout();
    }

    /** Never fails: every outcome is an {@link Answer}. */
    public Uni<Answer> answer(String saleId) {
        return directory.knows(saleId, wait)
                .map(known -> known
                        ? new Answer(Kind.FORGOTTEN, Problem.of(ProblemType.SALE_RECOVERING, "sale " + saleId
                                + " is being recovered: Redis has lost its keys, which are rebuilt from the database"))
                        : new Answer(Kind.UNKNOWN, Problem.of(ProblemType.SALE_NOT_FOUND, "no sale " + saleId)))
                .onFailure().recoverWithItem(e -> new Answer(Kind.UNDECIDED, Problem.of(
                        ProblemType.DEPENDENCY_UNAVAILABLE, "the sales' directory has not been read yet: whether sale "
                                + saleId + " exists cannot be told").with("dependency", "kafka")));
    }
}
