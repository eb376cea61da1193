package io.flashsale.order.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads {@code orders.orders} and {@code orders.rejected_orders} with plain SQL, independently of the code under test. */
@ApplicationScoped
public class OrderTable {

    private final DataSource dataSource;

    OrderTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long countBySale(String saleId) throws SQLException {
        return count("SELECT count(*) FROM orders.orders WHERE sale_id = ?", saleId);
    }

    public long countByOrderId(String orderId) throws SQLException {
        return count("SELECT count(*) FROM orders.orders WHERE order_id = ?", UUID.fromString(orderId));
    }

    public long countRejectedBySale(String saleId) throws SQLException {
        return count("SELECT count(*) FROM orders.rejected_orders WHERE sale_id = ?", saleId);
    }

    /** The sale's units in {@code orders.orders}, counted from the rows. */
    public long unitsBySale(String saleId) throws SQLException {
        return count("SELECT coalesce(sum(quantity), 0) FROM orders.orders WHERE sale_id = ?", saleId);
    }

    /** The sale's units as {@code orders.sale_units} keeps them; -1 when it has no row. */
    public long countedUnits(String saleId) throws SQLException {
        return count("SELECT coalesce((SELECT units FROM orders.sale_units WHERE sale_id = ?), -1)", saleId);
    }

    /** The order ids of a sale in {@code orders.orders}, by seq. */
    public List<String> persistedIds(String saleId) throws SQLException {
        return ids("SELECT order_id FROM orders.orders WHERE sale_id = ? ORDER BY seq", saleId);
    }

    /** {@code "orderId reason"} of every rejected order of a sale, by seq. */
    public List<String> rejected(String saleId) throws SQLException {
        return ids("SELECT order_id || ' ' || reason FROM orders.rejected_orders WHERE sale_id = ? ORDER BY seq",
                saleId);
    }

    /**
     * Every column of one order as {@code sale|user|quantity|seq|accepted_at in epoch ms|key|limit}, a NULL
     * as {@code null}; null when the order is not in {@code orders.orders}.
     */
    public String row(String orderId) throws SQLException {
        String sql = """
                SELECT sale_id, user_id, quantity, seq, (extract(epoch FROM accepted_at) * 1000)::bigint,
                       idempotency_key, per_user_limit
                FROM orders.orders WHERE order_id = ?""";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, UUID.fromString(orderId));
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= 7; i++) {
                    columns.add(rows.getString(i));
                }
                return String.join("|", columns);
            }
        }
    }

    private long count(String sql, Object parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private List<String> ids(String sql, String saleId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, saleId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }
}
