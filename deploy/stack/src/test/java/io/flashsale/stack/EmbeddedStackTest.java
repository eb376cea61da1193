package io.flashsale.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedStackTest {

    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.builder().dir(Path.of("target", "stack-test")).fresh(true).build().start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void postgresServesTheFlashsaleDatabaseAndSurvivesAKill() throws SQLException {
        try (Connection c = connect()) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS t(v int); INSERT INTO t VALUES (42)");
        }
        stack.postgres().kill();
        assertFalse(Ports.isOpen(stack.postgres().port()));
        stack.postgres().start();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT sum(v) FROM t")) {
            rs.next();
            assertEquals(42, rs.getInt(1));
        }
    }

    @Test
    void redisAnswersAndComesBackAfterAStop() throws IOException {
        assertEquals("+PONG", redis("PING"));
        stack.redis().stop();
        assertFalse(stack.redis().isRunning());
        stack.redis().start();
        assertEquals("+PONG", redis("PING"));
    }

    @Test
    void kafkaCreatesATopic() throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(Set.of(new NewTopic("stack-test", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("stack-test"));
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(), PostgresServer.USER, "");
    }

    private static String redis(String command) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", stack.redis().port()), 1000);
            s.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[64];
            int n = s.getInputStream().read(buf);
            return new String(buf, 0, n, StandardCharsets.US_ASCII).strip();
        }
    }
}
