package io.flashsale.order.persistence;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.postgresql.PGConnection;

import io.flashsale.contract.Ids;
import io.flashsale.contract.OrderEvent;
import io.flashsale.order.persistence.LimitCheck.Buyer;
import io.flashsale.order.persistence.WriteOutcome.Rejection;

/**
 * Writes a batch of orders in one transaction, idempotently: an order id already in
 * {@code orders.orders} or {@code orders.rejected_orders} (a redelivery, a re-publication by
 * reconciliation, a duplicate inside the batch) stays where it is, never an error. A new order that
 * would take its user past the sale's per-user limit ({@link LimitCheck}), or its sale past the sale's
 * total ({@link TotalCheck}), goes to {@code rejected_orders} instead of {@code orders}.
 */
@ApplicationScoped
public class OrderWriter {

    /**
     * First key of the per-buyer advisory locks. Two-integer keys never collide with single-bigint
     * ones, such as inventory-service's reconciliation lock.
     */
    static final int BUYER_LOCK_CLASS = 0x6673_6f67;

    // unnest yields the keys in array order, so the locks are taken in that (sorted) order.
    static final String LOCK_BUYERS = "SELECT pg_advisory_xact_lock(?, key) FROM unnest(?::int[]) AS key";

    // Creates a sale's row if it has none and locks it either way, returning the units persisted: the
    // row stays locked until the commit, so writers of one sale decide one after the other, each seeing
    // the units of the one before (the insert trigger of V3 adds them to the row it holds).
    static final String LOCK_SALES = """
            INSERT INTO orders.sale_units AS s (sale_id, units)
            SELECT sale_id, 0 FROM unnest(?::text[]) AS sale_id
            ON CONFLICT (sale_id) DO UPDATE SET units = s.units
            RETURNING sale_id, units""";

    static final String KNOWN = """
            SELECT order_id FROM orders.orders WHERE order_id = ANY (?)
            UNION ALL
            SELECT order_id FROM orders.rejected_orders WHERE order_id = ANY (?)""";

    static final String HELD = """
            SELECT o.sale_id, o.user_id, sum(o.quantity)
            FROM orders.orders o
            JOIN unnest(?::text[], ?::text[]) AS b(sale_id, user_id) ON o.sale_id = b.sale_id AND o.user_id = b.user_id
            GROUP BY o.sale_id, o.user_id""";

    // No ON CONFLICT: the rows written are the batch's fresh orders, read as absent from both tables while
    // this transaction holds the sale's row, which any writer of the sale's orders holds until it commits
    // (OrderWriter takes it first; any other insert takes it through V3's trigger), so none of them can
    // appear meanwhile. A row that is there anyway (written with the triggers off, as a restore runs) or a
    // violation of the per-user unique index fails the batch, which is then retried: the next attempt
    // finds the row known, or refuses the order by the check. COPY, not INSERT … SELECT FROM unnest(…):
    // PostgreSQL writes the rows in bulk without parsing a statement's arrays (./flashsale bench, drain).
    static final String COPY = """
            COPY orders.orders
              (order_id, sale_id, user_id, quantity, seq, accepted_at, idempotency_key, per_user_limit)
            FROM STDIN""";

    static final String REJECT = """
            INSERT INTO orders.rejected_orders
              (order_id, sale_id, user_id, quantity, seq, accepted_at, reason, per_user_limit)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (order_id) DO NOTHING""";

    // A fixed lock order, so that two replicas replaying overlapping batches after a rebalance
    // wait for each other instead of deadlocking.
    private static final Comparator<OrderEvent> BY_ORDER_ID = Comparator.comparing(OrderEvent::orderId);

    private final DataSource dataSource;

    OrderWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes the orders and commits.
     *
     * @throws OrderWriteException when the database refuses or cannot be reached; nothing is committed
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public WriteOutcome write(List<OrderEvent> orders) {
        Map<UUID, OrderEvent> unique = new LinkedHashMap<>();
        for (OrderEvent order : orders) {
            unique.putIfAbsent(orderId(order), order);
        }
        try (Connection connection = dataSource.getConnection()) {
            Set<Buyer> checked = LimitCheck.checkedBuyers(List.copyOf(unique.values()));
            // A user's orders are on one partition, consumed by one consumer; but while a rebalance
            // settles, two replicas may hold the same batch. The locks make the second one wait and
            // then see the first one's rows, for any limit, not only the limit of 1 the index guards.
            // Buyers first, then sales: every writer takes its locks in that order, so none waits in a cycle.
            lockBuyers(connection, checked);
            Map<String, Long> saleUnits = lockSales(connection, TotalCheck.sales(List.copyOf(unique.values())));
            unique.keySet().removeAll(known(connection, unique.keySet()));
            List<OrderEvent> fresh = List.copyOf(unique.values());
            List<OrderEvent> overLimit = LimitCheck.refused(fresh, held(connection, checked));
            List<OrderEvent> withinLimit = without(fresh, overLimit);
            List<OrderEvent> overTotal = TotalCheck.refused(withinLimit, saleUnits);
            int persisted = insert(connection, without(withinLimit, overTotal).stream().sorted(BY_ORDER_ID).toList());
            List<Rejection> rejected = new ArrayList<>(reject(connection, overLimit, RejectionReason.PER_USER_LIMIT));
            rejected.addAll(reject(connection, overTotal, RejectionReason.SALE_TOTAL));
            return new WriteOutcome(persisted, orders.size() - persisted - rejected.size(), rejected);
        } catch (SQLException e) {
            throw new OrderWriteException("could not write " + orders.size() + " orders", e);
        }
    }

    /** The advisory lock key of a buyer; a collision only makes two buyers' batches wait for each other. */
    static int lockKey(String saleId, String userId) {
        // User ids hold no white space, so the pair is unambiguous.
        return (saleId + ' ' + userId).hashCode();
    }

    private static void lockBuyers(Connection connection, Set<Buyer> buyers) throws SQLException {
        if (buyers.isEmpty()) {
            return;
        }
        Integer[] keys = buyers.stream().map(b -> lockKey(b.saleId(), b.userId())).distinct().sorted()
                .toArray(Integer[]::new);
        try (PreparedStatement lock = connection.prepareStatement(LOCK_BUYERS)) {
            lock.setInt(1, BUYER_LOCK_CLASS);
            Array array = connection.createArrayOf("int4", keys);
            lock.setArray(2, array);
            // Returns once every lock is held; the rows carry nothing.
            lock.execute();
            array.free();
        }
    }

    private static List<OrderEvent> without(List<OrderEvent> orders, List<OrderEvent> removed) {
        Set<String> ids = removed.stream().map(OrderEvent::orderId).collect(Collectors.toSet());
        return orders.stream().filter(o -> !ids.contains(o.orderId())).toList();
    }

    /** Locks the sales' rows of {@code orders.sale_units}, in the order given; returns their units. */
    private static Map<String, Long> lockSales(Connection connection, List<String> sales) throws SQLException {
        Map<String, Long> units = new HashMap<>();
        if (sales.isEmpty()) {
            return units;
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK_SALES)) {
            Array array = connection.createArrayOf("text", sales.toArray());
            lock.setArray(1, array);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    units.put(rows.getString(1), rows.getLong(2));
                }
            }
            array.free();
        }
        return units;
    }

    private static Set<UUID> known(Connection connection, Collection<UUID> orderIds) throws SQLException {
        Set<UUID> known = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(KNOWN)) {
            Array ids = connection.createArrayOf("uuid", orderIds.toArray());
            query.setArray(1, ids);
            query.setArray(2, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    known.add(rows.getObject(1, UUID.class));
                }
            }
            ids.free();
        }
        return known;
    }

    /** Units persisted per buyer, for these buyers; a buyer with none is absent. */
    private static Map<Buyer, Long> held(Connection connection, Set<Buyer> buyers) throws SQLException {
        Map<Buyer, Long> held = new HashMap<>();
        if (buyers.isEmpty()) {
            return held;
        }
        try (PreparedStatement query = connection.prepareStatement(HELD)) {
            Array sales = connection.createArrayOf("text", buyers.stream().map(Buyer::saleId).toArray());
            Array users = connection.createArrayOf("text", buyers.stream().map(Buyer::userId).toArray());
            query.setArray(1, sales);
            query.setArray(2, users);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    held.put(new Buyer(rows.getString(1), rows.getString(2)), rows.getLong(3));
                }
            }
            sales.free();
            users.free();
        }
        return held;
    }

    /** Writes the orders by COPY, in the order given; returns the number of rows written. */
    private static int insert(Connection connection, List<OrderEvent> orders) throws SQLException {
        if (orders.isEmpty()) {
            return 0;
        }
        StringBuilder rows = new StringBuilder(orders.size() * 160);
        for (OrderEvent order : orders) {
            CopyText.row(rows, orderId(order), order.saleId(), order.userId(), order.quantity(), order.seq(),
                    Instant.ofEpochMilli(order.acceptedAt()), order.idempotencyKey(), order.perUserLimit());
        }
        try {
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY,
                    new StringReader(rows.toString()));
            return Math.toIntExact(copied);
        } catch (IOException e) {
            throw new SQLException("could not stream the rows to COPY", e);
        }
    }

    private static List<Rejection> reject(Connection connection, List<OrderEvent> orders, RejectionReason reason)
            throws SQLException {
        List<Rejection> rejected = new ArrayList<>();
        if (orders.isEmpty()) {
            return rejected;
        }
        try (PreparedStatement insert = connection.prepareStatement(REJECT)) {
            for (OrderEvent order : orders) {
                bindCommon(insert, order);
                insert.setString(7, reason.code());
                insert.setObject(8, order.perUserLimit(), Types.INTEGER);
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    rejected.add(new Rejection(orders.get(i), reason));
                }
            }
        }
        return rejected;
    }

    private static void bindCommon(PreparedStatement insert, OrderEvent order) throws SQLException {
        insert.setObject(1, orderId(order));
        insert.setString(2, order.saleId());
        insert.setString(3, order.userId());
        insert.setInt(4, order.quantity());
        insert.setLong(5, order.seq());
        insert.setObject(6, acceptedAt(order));
    }

    private static OffsetDateTime acceptedAt(OrderEvent order) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(order.acceptedAt()), ZoneOffset.UTC);
    }

    private static UUID orderId(OrderEvent order) {
        return Ids.parseOrderId(order.orderId())
                .orElseThrow(() -> new IllegalArgumentException("not a decoded event: " + order.orderId()));
    }
}
