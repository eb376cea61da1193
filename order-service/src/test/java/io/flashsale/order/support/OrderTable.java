package io.flashsale.order.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads {@code orders.orders} with plain SQL, independently of the code under test. */
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
}
