package io.flashsale.inventory.reconciliation.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Reads order-service's {@code orders.orders}, never writes it. Each method is one read-only
 * REPEATABLE READ transaction, so the figures it returns come from one instant of the database.
 */
@ApplicationScoped
public class PersistedOrders {

    /** The persisted orders among a snapshot's reservations, and the units persisted up to its seq. */
    public record Persisted(Set<UUID> orderIds, long units) {
    }

    /** What a rebuild restores a sale from. */
    public record SaleTotals(long units, long maxSeq, Map<String, Long> unitsByUser) {
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    public PersistedOrders(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The highest seq persisted for the sale, 0 when none. */
    public long maxSeq(String saleId) {
        return readOnly(c -> single(c, "SELECT coalesce(max(seq), 0) FROM orders.orders WHERE sale_id = ?", saleId));
    }

    public Persisted persisted(String saleId, Collection<UUID> orderIds, long uptoSeq) {
        return readOnly(c -> {
            Set<UUID> found = new HashSet<>();
            if (!orderIds.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT order_id FROM orders.orders WHERE sale_id = ? AND order_id = ANY (?)")) {
                    Array ids = c.createArrayOf("uuid", orderIds.toArray());
                    s.setString(1, saleId);
                    s.setArray(2, ids);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getObject(1, UUID.class));
                        }
                    }
                    ids.free();
                }
            }
            long units = single(c,
                    "SELECT coalesce(sum(quantity), 0) FROM orders.orders WHERE sale_id = ? AND seq <= ?",
                    saleId, uptoSeq);
            return new Persisted(found, units);
        });
    }

    public SaleTotals totals(String saleId) {
        return readOnly(c -> {
            Map<String, Long> byUser = new HashMap<>();
            long units = 0;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT user_id, sum(quantity) FROM orders.orders WHERE sale_id = ? GROUP BY user_id")) {
                s.setString(1, saleId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        byUser.put(rs.getString(1), rs.getLong(2));
                        units += rs.getLong(2);
                    }
                }
            }
            long maxSeq = single(c, "SELECT coalesce(max(seq), 0) FROM orders.orders WHERE sale_id = ?", saleId);
            return new SaleTotals(units, maxSeq, byUser);
        });
    }

    private static long single(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private <T> T readOnly(Query<T> query) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                T result = query.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                // The connection goes back to a shared pool.
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read orders.orders: " + e.getMessage(), e);
        }
    }
}
