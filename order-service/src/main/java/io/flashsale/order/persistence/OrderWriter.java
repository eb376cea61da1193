package io.flashsale.order.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.flashsale.contract.Ids;
import io.flashsale.contract.OrderEvent;

/**
 * Inserts a batch of orders in one transaction, idempotently: an order id already in the table
 * (a redelivery, a re-publication by reconciliation, a duplicate inside the batch) is skipped by
 * the primary key, never an error.
 */
@ApplicationScoped
public class OrderWriter {

    static final String INSERT = """
            INSERT INTO orders.orders (order_id, sale_id, user_id, quantity, seq, accepted_at, idempotency_key)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (order_id) DO NOTHING""";

    // A fixed lock order, so that two replicas replaying overlapping batches after a rebalance
    // wait for each other instead of deadlocking.
    private static final Comparator<OrderEvent> BY_ORDER_ID = Comparator.comparing(OrderEvent::orderId);

    private final DataSource dataSource;

    OrderWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts the orders and commits.
     *
     * @return how many rows were inserted; the rest of {@code orders} were already there
     * @throws OrderWriteException when the database refuses or cannot be reached; nothing is committed
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int insert(List<OrderEvent> orders) {
        // Not reWriteBatchedInserts: a rewritten batch reports SUCCESS_NO_INFO instead of 1 or 0 per
        // row, and the persisted/duplicate counts would be lost. The driver still sends the whole
        // batch in one round trip.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (OrderEvent order : orders.stream().sorted(BY_ORDER_ID).toList()) {
                bind(insert, order);
                insert.addBatch();
            }
            int inserted = 0;
            for (int count : insert.executeBatch()) {
                inserted += count;
            }
            return inserted;
        } catch (SQLException e) {
            throw new OrderWriteException("could not insert " + orders.size() + " orders", e);
        }
    }

    private static void bind(PreparedStatement insert, OrderEvent order) throws SQLException {
        UUID orderId = Ids.parseOrderId(order.orderId())
                .orElseThrow(() -> new IllegalArgumentException("not a decoded event: " + order.orderId()));
        insert.setObject(1, orderId);
        insert.setString(2, order.saleId());
        insert.setString(3, order.userId());
        insert.setInt(4, order.quantity());
        insert.setLong(5, order.seq());
        insert.setObject(6, OffsetDateTime.ofInstant(Instant.ofEpochMilli(order.acceptedAt()), ZoneOffset.UTC));
        insert.setString(7, order.idempotencyKey());
    }
}
