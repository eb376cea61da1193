package io.flashsale.inventory.reconciliation.persistence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.AsOperator;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AdvisoryLockTest extends AsOperator {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRunWaitsForAnotherReplicasRunThenGivesUp() throws SQLException {
        String sale = SaleApi.create(10, 1);
        try (Connection otherReplica = dataSource.getConnection()) {
            assertTrue(lock(otherReplica, "pg_try_advisory_lock"));
            try {
                given().queryParam("saleId", sale).post("/api/reconciliation/run").then().statusCode(503)
                        .contentType(Problem.MEDIA_TYPE)
                        .body("type", equalTo(ProblemType.DEPENDENCY_UNAVAILABLE.uri()));
            } finally {
                lock(otherReplica, "pg_advisory_unlock");
            }
        }
    }

    @Test
    void aRunReleasesTheLock() throws SQLException {
        ReconciliationApi.run(SaleApi.create(10, 1));

        try (Connection otherReplica = dataSource.getConnection()) {
            assertTrue(lock(otherReplica, "pg_try_advisory_lock"));
            lock(otherReplica, "pg_advisory_unlock");
        }
    }

    private static boolean lock(Connection connection, String function) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + function + "(?)")) {
            s.setLong(1, AdvisoryLock.RECONCILIATION_KEY);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
