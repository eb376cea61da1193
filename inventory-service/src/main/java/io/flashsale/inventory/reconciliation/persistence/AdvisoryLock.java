package io.flashsale.inventory.reconciliation.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * Makes reconciliation run on one replica at a time: a PostgreSQL session advisory lock, held on a
 * connection of its own for the whole run. Should this replica die, its session ends and PostgreSQL
 * releases the lock, so no lease has to expire.
 */
@ApplicationScoped
public class AdvisoryLock {

    private static final Logger LOG = Logger.getLogger(AdvisoryLock.class);

    /** The lock's key: "fsinvrec" in ASCII; any number no other lock user in the database takes. */
    static final long RECONCILIATION_KEY = 0x6673_696E_7672_6563L;

    private static final Duration RETRY = Duration.ofMillis(200);

    private final AgroalDataSource dataSource;

    public AdvisoryLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} holding the lock.
     *
     * @param wait how long to keep trying while another session holds it; zero tries once
     * @return the work's result, or empty when the lock was not obtained in time
     */
    public <T> Optional<T> callExclusively(Duration wait, Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!acquire(connection, wait)) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.get());
            } finally {
                release(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use the reconciliation lock: " + e.getMessage(), e);
        }
    }

    private static boolean acquire(Connection connection, Duration wait) throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!call(connection, "SELECT pg_try_advisory_lock(?)")) {
            if (System.nanoTime() + RETRY.toNanos() > deadline) {
                return false;
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static void release(Connection connection) throws SQLException {
        // The connection returns to the pool: it must not keep the lock, or no run would ever start again.
        if (!call(connection, "SELECT pg_advisory_unlock(?)")) {
            LOG.warn("the reconciliation lock was not held at release; unlocking everything on this session");
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                s.execute();
            }
        }
    }

    private static boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, RECONCILIATION_KEY);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
