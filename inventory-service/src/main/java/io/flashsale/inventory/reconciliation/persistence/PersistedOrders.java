package io.flashsale.inventory.reconciliation.persistence;

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
import io.flashsale.contract.RejectionCodes;

/**
 * Reads order-service's {@code orders.orders} and {@code orders.rejected_orders}, never writes them.
 * Each method is one read-only REPEATABLE READ transaction, so the figures it returns come from one
 * instant of the database. An order id is in at most one of the two tables, and only
 * {@code orders.orders} holds units sold: rejected orders are never counted as persisted.
 */
@ApplicationScoped
public class PersistedOrders {

    /**
     * What the database says about a snapshot: which of its reservations are persisted, which were
     * refused (their units are still reserved in Redis until settled), which of those were refused past
     * the sale's total ({@link RejectionCodes#SALE_TOTAL}: their units are not given back), and the units
     * persisted up to its seq.
     */
    public record Persisted(Set<UUID> orderIds, Set<UUID> rejectedIds, Set<UUID> overTotalIds, long units) {
    }

    /**
     * What a rebuild restores a sale from; {@code idempotency} maps the gateway's idem field
     * ({@code userId:idempotencyKey}) to the order id, for the persisted orders that carried a key.
     */
    public record SaleTotals(long units, long maxSeq, Map<String, Long> unitsByUser, Map<String, String> idempotency) {
    }

    private static final String PERSISTED_AMONG =
            "SELECT order_id FROM orders.orders WHERE sale_id = ? AND order_id = ANY (?)";
    private static final String REJECTED_AMONG =
            "SELECT order_id FROM orders.rejected_orders WHERE sale_id = ? AND order_id = ANY (?)";
    private static final String OVER_TOTAL_AMONG = "SELECT order_id FROM orders.rejected_orders WHERE sale_id = ? "
            + "AND order_id = ANY (?) AND reason = '" + RejectionCodes.SALE_TOTAL + "'";

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
            Set<UUID> persisted = among(c, PERSISTED_AMONG, saleId, orderIds);
            Set<UUID> rejected = among(c, REJECTED_AMONG, saleId, orderIds);
            Set<UUID> overTotal = rejected.isEmpty() ? Set.of() : among(c, OVER_TOTAL_AMONG, saleId, rejected);
            long units = single(c,
                    "SELECT coalesce(sum(quantity), 0) FROM orders.orders WHERE sale_id = ? AND seq <= ?",
                    saleId, uptoSeq);
            return new Persisted(persisted, rejected, overTotal, units);
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
            Map<String, String> idempotency = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT user_id, idempotency_key, order_id FROM orders.orders "
                    + "WHERE sale_id = ? AND idempotency_key IS NOT NULL")) {
                s.setString(1, saleId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        idempotency.put(rs.getString(1) + ":" + rs.getString(2), rs.getString(3));
                    }
                }
            }
            long maxSeq = single(c, "SELECT coalesce(max(seq), 0) FROM orders.orders WHERE sale_id = ?", saleId);
            return new SaleTotals(units, maxSeq, byUser, idempotency);
        });
    }

    /** Which of these order ids of the sale the query ({@link #PERSISTED_AMONG}, {@link #REJECTED_AMONG}, …) finds. */
    private static Set<UUID> among(Connection c, String query, String saleId, Collection<UUID> orderIds)
            throws SQLException {
        Set<UUID> found = new HashSet<>();
        if (orderIds.isEmpty()) {
            return found;
        }
        try (PreparedStatement s = c.prepareStatement(query)) {
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
        return found;
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
            throw new IllegalStateException("cannot read the orders schema: " + e.getMessage(), e);
        }
    }
}
