package io.flashsale.inventory.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.RejectionCodes;

/** Writes orders.orders and orders.rejected_orders as order-service would, standing for orders it persisted or refused. */
@ApplicationScoped
public class TestOrders {

    @Inject
    AgroalDataSource dataSource;

    public void persist(OrderEvent event) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO orders.orders "
                        + "(order_id, sale_id, user_id, quantity, seq, accepted_at, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            setOrder(s, event);
            s.setString(7, event.idempotencyKey());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An order persisted with the client's Idempotency-Key, as the gateway published it. */
    public OrderEvent persistWithKey(String saleId, String userId, int quantity, long seq, String idempotencyKey) {
        OrderEvent event = new OrderEvent(OrderEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), saleId, userId,
                quantity, seq, Instant.now().toEpochMilli(), idempotencyKey, null, null);
        persist(event);
        return event;
    }

    /** The order refused by the database's per-user guard, as order-service records it. */
    public void reject(OrderEvent event) {
        reject(event, RejectionCodes.PER_USER_LIMIT);
    }

    /** The order refused by the database for {@code reason} (a {@link RejectionCodes} code). */
    public void reject(OrderEvent event, String reason) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO orders.rejected_orders "
                        + "(order_id, sale_id, user_id, quantity, seq, accepted_at, reason, per_user_limit) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            setOrder(s, event);
            s.setString(7, reason);
            s.setObject(8, event.perUserLimit(), Types.INTEGER);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An order persisted without any reservation in Redis, as after Redis lost its data. */
    public OrderEvent persist(String saleId, String userId, int quantity, long seq) {
        OrderEvent event = new OrderEvent(OrderEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), saleId, userId,
                quantity, seq, Instant.now().toEpochMilli(), null, null, null);
        persist(event);
        return event;
    }

    /** The columns both tables share, in their order: order_id, sale_id, user_id, quantity, seq, accepted_at. */
    private static void setOrder(PreparedStatement s, OrderEvent event) throws SQLException {
        s.setObject(1, UUID.fromString(event.orderId()));
        s.setString(2, event.saleId());
        s.setString(3, event.userId());
        s.setInt(4, event.quantity());
        s.setLong(5, event.seq());
        s.setTimestamp(6, Timestamp.from(Instant.ofEpochMilli(event.acceptedAt())));
    }
}
