package io.flashsale.order.rest;

import jakarta.ws.rs.core.Response;

import org.hibernate.JDBCException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;

/** A read while PostgreSQL is unreachable or going down is a 503 to retry, not a 500. */
public class DatabaseUnavailableMapper {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailableMapper.class);

    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response database(JDBCException e) {
        if (!unavailable(e.getSQLState())) {
            LOG.error("database error while handling a request", e);
            return Problem.of(ProblemType.INTERNAL, null).response();
        }
        LOG.warnf("the order database is unavailable: %s", e.getSQLException().getMessage());
        // The problem writes its one Retry-After itself; a header added here would be a second value.
        return Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE, "the order database is unavailable")
                .retryAfter(RETRY_AFTER_SECONDS)
                .response();
    }

    // Class 08: no connection or a broken one; 57P01-57P03: the server is shutting down or starting.
    private static boolean unavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.matches("57P0[1-3]"));
    }
}
