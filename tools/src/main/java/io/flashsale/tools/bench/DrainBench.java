package io.flashsale.tools.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

import io.flashsale.stack.Server;
import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.OrderEventCodec;
import io.flashsale.contract.Topics;

/**
 * The drain and its ceiling. Drain: K order events published to the accepted topic as the gateway
 * publishes them while order-service is frozen (SIGSTOP), then timed from its release until all K
 * rows are in {@code orders.orders}. Ceiling:
 * the same kind of rows written straight into the same table, once with COPY and once with
 * multi-row {@code INSERT … ON CONFLICT DO NOTHING} in chunks, on one connection. Both use sales
 * that only this bench knows (inventory-service does not reconcile them), each user ordering once
 * with a limit of 1, so the same unique index is maintained as for a real sale.
 */
final class DrainBench {

    /** Rows per second of each way, and how long each took. */
    record Result(int rows, double drainSeconds, double publishSeconds, double copySeconds, double insertSeconds) {
        double drainRate() {
            return rows / drainSeconds;
        }

        double copyRate() {
            return rows / copySeconds;
        }

        double insertRate() {
            return rows / insertSeconds;
        }

        /** The best direct method: the ceiling the drain is compared with. */
        double ceilingRate() {
            return Math.max(copyRate(), insertRate());
        }
    }

    private static final int CHUNK = 5000;
    private static final String COLUMNS = "order_id, sale_id, user_id, quantity, seq, accepted_at, per_user_limit";

    private final String bootstrapServers;
    private final String jdbcUrl;
    private final String user;

    DrainBench(String bootstrapServers, String jdbcUrl, String user) {
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /**
     * @param consumer order-service: frozen while the K events are published, so that the drain is
     *                 timed on a backlog, as after a burst, and not bounded by how fast they are published
     */
    Result run(int rows, Server consumer, Duration timeout) throws Exception {
        String drainSale = "bench-drain-" + UUID.randomUUID().toString().substring(0, 8);
        double publishSeconds;
        consumer.pause();
        try {
            publishSeconds = publish(drainSale, rows);
        } finally {
            consumer.resume();
        }
        long started = System.nanoTime();
        double drainSeconds = awaitRows(drainSale, rows, started, timeout);
        double copySeconds = copy("bench-copy-" + UUID.randomUUID().toString().substring(0, 8), rows);
        double insertSeconds = insert("bench-insert-" + UUID.randomUUID().toString().substring(0, 8), rows);
        return new Result(rows, drainSeconds, publishSeconds, copySeconds, insertSeconds);
    }

    private double publish(String saleId, int rows) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // As the gateway publishes: acks from every in-sync replica, idempotent, lz4, linger 5 ms.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.partitionsFor(Topics.ORDERS_ACCEPTED); // metadata before the clock starts
            long started = System.nanoTime();
            long now = System.currentTimeMillis();
            for (int i = 0; i < rows; i++) {
                String userId = "drain-" + i;
                OrderEvent event = new OrderEvent(OrderEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), saleId,
                        userId, 1, i + 1, now, null, 1, rows);
                producer.send(new ProducerRecord<>(Topics.ORDERS_ACCEPTED, userId, OrderEventCodec.encode(event)));
            }
            producer.flush();
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private double awaitRows(String saleId, int rows, long started, Duration timeout) throws Exception {
        long deadline = started + timeout.toNanos();
        try (Connection c = connect();
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM orders.orders WHERE sale_id = ?")) {
            count.setString(1, saleId);
            while (true) {
                long seen;
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    seen = rs.getLong(1);
                }
                if (seen >= rows) {
                    return (System.nanoTime() - started) / 1e9;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + rows + " published orders were persisted within "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(20);
            }
        }
    }

    private double copy(String saleId, int rows) throws Exception {
        StringBuilder csv = new StringBuilder(rows * 100);
        Timestamp now = new Timestamp(System.currentTimeMillis());
        for (int i = 0; i < rows; i++) {
            csv.append(UUID.randomUUID()).append(',').append(saleId).append(",copy-").append(i).append(",1,")
                    .append(i + 1).append(',').append(now).append(",1\n");
        }
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long started = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY orders.orders (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)",
                    new java.io.StringReader(csv.toString()));
            c.commit();
            double seconds = (System.nanoTime() - started) / 1e9;
            check(copied, rows, "COPY");
            return seconds;
        }
    }

    private double insert(String saleId, int rows) throws Exception {
        String sql = "INSERT INTO orders.orders (" + COLUMNS + ") SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[],"
                + " ?::int[], ?::bigint[], ?::timestamptz[], ?::int[]) ON CONFLICT DO NOTHING";
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            long inserted = 0;
            long started = System.nanoTime();
            for (int from = 0; from < rows; from += CHUNK) {
                int n = Math.min(CHUNK, rows - from);
                UUID[] ids = new UUID[n];
                String[] sales = new String[n];
                String[] users = new String[n];
                Integer[] quantities = new Integer[n];
                Long[] seqs = new Long[n];
                Timestamp[] times = new Timestamp[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = UUID.randomUUID();
                    sales[i] = saleId;
                    users[i] = "insert-" + (from + i);
                    quantities[i] = 1;
                    seqs[i] = (long) from + i + 1;
                    times[i] = now;
                }
                insert.setArray(1, c.createArrayOf("uuid", ids));
                insert.setArray(2, c.createArrayOf("text", sales));
                insert.setArray(3, c.createArrayOf("text", users));
                insert.setArray(4, c.createArrayOf("int4", quantities));
                insert.setArray(5, c.createArrayOf("int8", seqs));
                insert.setArray(6, c.createArrayOf("timestamptz", times));
                insert.setArray(7, c.createArrayOf("int4", quantities));
                inserted += insert.executeUpdate();
                c.commit();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            check(inserted, rows, "INSERT");
            return seconds;
        }
    }

    private static void check(long written, int rows, String how) {
        if (written != rows) {
            throw new IllegalStateException(how + " wrote " + written + " rows, not " + rows);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }
}
