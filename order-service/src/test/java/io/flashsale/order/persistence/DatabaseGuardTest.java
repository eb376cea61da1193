package io.flashsale.order.persistence;

import static io.flashsale.order.support.Orders.limited;
import static io.flashsale.order.support.Orders.newSaleId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.OrderEvent;
import io.flashsale.order.support.OrderTable;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The guard below the writer's check: the partial unique index, and what happens when another
 * transaction writes the same user at the same time (a second replica during a rebalance), with or
 * without the locks the writer takes.
 */
@QuarkusTest
class DatabaseGuardTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    DataSource dataSource;

    @Inject
    OrderWriter writer;

    @Inject
    OrderTable table;

    @Test
    void aUniqueIndexOnSaleAndUserCoversTheRowsWithALimitOfOne() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'orders' AND indexname = 'orders_one_per_user'");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            assertThat(rs.getString(1), containsString("UNIQUE INDEX"));
            assertThat(rs.getString(1), containsString("(sale_id, user_id) WHERE (per_user_limit = 1)"));
        }
    }

    @Test
    void aDirectSecondRowOfAUserIsRefusedForALimitOfOne() throws SQLException {
        String sale = newSaleId("guard");
        try (Connection c = dataSource.getConnection()) {
            insertRow(c, sale, "u-1", 1);

            SQLException refused = assertThrows(SQLException.class, () -> insertRow(c, sale, "u-1", 1));

            assertEquals(UNIQUE_VIOLATION, refused.getSQLState());
            assertThat(refused.getMessage(), containsString("orders_one_per_user"));
        }
        assertEquals(1, table.countBySale(sale));
    }

    @Test
    void aSecondRowOfAUserIsLeftToTheCheckForALargerLimitOrNone() throws SQLException {
        String sale = newSaleId("guard");
        try (Connection c = dataSource.getConnection()) {
            insertRow(c, sale, "u-2", 2);
            insertRow(c, sale, "u-2", 2);
            insertRow(c, sale, "u-old", null);
            insertRow(c, sale, "u-old", null);
        }
        assertEquals(4, table.countBySale(sale));
    }

    @Test
    void aWriterWaitsForAnotherWriterOfTheSameUserAndCountsItsUnits() throws Exception {
        String sale = newSaleId("guard");
        OrderEvent third = limited(sale, "u-1", 3, 2);
        // Another replica's batch for the same user, holding the user's lock, not yet committed.
        CompletableFuture<WriteOutcome> writing = writeWhileHeld(third, other -> {
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, OrderWriter.BUYER_LOCK_CLASS);
                lock.setInt(2, OrderWriter.lockKey(sale, "u-1"));
                lock.execute();
            }
            insertRow(other, sale, "u-1", 2);
            insertRow(other, sale, "u-1", 2);
        });

        WriteOutcome outcome = writing.get(BOUND.toSeconds(), TimeUnit.SECONDS);

        assertEquals(List.of(new WriteOutcome.Rejection(third, RejectionReason.PER_USER_LIMIT)), outcome.rejected());
        assertEquals(2, table.countBySale(sale));
    }

    @Test
    void aWriterThatTookNoBuyerLockStillHoldsTheSalesRowSoTheCheckWaitsAndSeesItsUnits() throws Exception {
        String sale = newSaleId("guard");
        OrderEvent late = limited(sale, "u-1", 2, 1);
        // Any insert into orders.orders counts its units into orders.sale_units, locking the sale's row.
        CompletableFuture<WriteOutcome> writing = writeWhileHeld(late, other -> insertRow(other, sale, "u-1", 1));

        WriteOutcome outcome = writing.get(BOUND.toSeconds(), TimeUnit.SECONDS);

        assertEquals(List.of(new WriteOutcome.Rejection(late, RejectionReason.PER_USER_LIMIT)), outcome.rejected());
        assertEquals(1, table.countBySale(sale));
    }

    @Test
    void theIndexFailsABatchThatTheCheckCouldNotSeeAndTheRetryRejectsIt() throws Exception {
        String sale = newSaleId("guard");
        OrderEvent late = limited(sale, "u-1", 2, 1);
        // A writer that took no lock at all, not even the sale's row (its triggers off, as a restore
        // or a replication apply runs): the check cannot see its uncommitted row, the index can.
        CompletableFuture<WriteOutcome> writing = writeWhileHeld(late, other -> {
            try (PreparedStatement noTriggers = other.prepareStatement("SET LOCAL session_replication_role = replica")) {
                noTriggers.execute();
            }
            insertRow(other, sale, "u-1", 1);
        });

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> writing.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        assertThat(failed.getCause(), instanceOf(OrderWriteException.class));
        assertEquals(UNIQUE_VIOLATION, ((SQLException) failed.getCause().getCause()).getSQLState());

        WriteOutcome retried = writer.write(List.of(late));

        assertEquals(1, retried.rejected().size());
        assertEquals(1, table.countBySale(sale));
        assertEquals(List.of(late.orderId() + " per-user-limit"), table.rejected(sale));
    }

    @Test
    void theSalesCountFollowsRowsInsertedAndDeletedByHand() throws SQLException {
        String sale = newSaleId("guard");
        String other = newSaleId("guard");
        try (Connection c = dataSource.getConnection()) {
            insertRow(c, sale, "u-1", null);
            insertRow(c, sale, "u-2", null);
            insertRow(c, other, "u-1", null);
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM orders.orders WHERE sale_id = ? AND user_id = 'u-1'")) {
                delete.setString(1, sale);
                assertEquals(1, delete.executeUpdate());
            }
        }

        assertEquals(1, table.unitsBySale(sale));
        assertEquals(1, table.countedUnits(sale));
        assertEquals(1, table.countedUnits(other));
    }

    @FunctionalInterface
    private interface Held {
        void run(Connection other) throws SQLException;
    }

    /**
     * Runs {@code held} in another transaction, starts writing {@code order}, waits until the writer is
     * blocked by that transaction, and only then commits it; returns the write.
     */
    private CompletableFuture<WriteOutcome> writeWhileHeld(OrderEvent order, Held held) throws SQLException {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            held.run(other);
            CompletableFuture<WriteOutcome> writing = CompletableFuture.supplyAsync(() -> writer.write(List.of(order)));
            awaitBlockedBy(other);
            other.commit();
            other.setAutoCommit(true);
            return writing;
        }
    }

    private void awaitBlockedBy(Connection holder) throws SQLException {
        int pid;
        try (PreparedStatement s = holder.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = s.executeQuery()) {
            rs.next();
            pid = rs.getInt(1);
        }
        await().atMost(BOUND).until(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))")) {
                s.setInt(1, pid);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    private static void insertRow(Connection c, String sale, String user, Integer perUserLimit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO orders.orders "
                + "(order_id, sale_id, user_id, quantity, seq, accepted_at, per_user_limit) VALUES (?, ?, ?, 1, 1, ?, ?)")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, sale);
            s.setString(3, user);
            s.setTimestamp(4, Timestamp.from(Instant.now()));
            s.setObject(5, perUserLimit, Types.INTEGER);
            s.executeUpdate();
        }
    }
}
