package io.flashsale.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.contract.Roles;
import io.flashsale.contract.Topics;
import io.flashsale.stack.PostgresServer;
import io.flashsale.stack.RedisServer;
import io.flashsale.tools.Api;
import io.flashsale.stack.RespConnection;
import io.flashsale.tools.pipeline.Pipeline;
import io.flashsale.tools.pipeline.Tokens;

/**
 * Bad input to every public endpoint of the three services, from a caller who may call it (a buyer at
 * the gateway, the tools' own token elsewhere), and callers who may not; and bad records to the order
 * consumer: each gets its documented problem type (or goes to the DLQ with the reason), and nothing is
 * written anywhere — Redis, PostgreSQL and the accepted-orders topic are compared before and after each case.
 */
class BadInputIT {

    private static final String BIG = "x".repeat(100 * 1024);
    private static Pipeline pipeline;
    private static String saleId;
    private static final Api API = new Api();
    private static Tokens tokens;
    private List<String> before;

    @BeforeAll
    static void openSale() throws Exception {
        pipeline = SharedPipeline.get();
        tokens = pipeline.tokens();
        saleId = pipeline.client().createSale("bad-input", 10, 1);
    }

    @BeforeEach
    void snapshot() throws Exception {
        before = everything();
    }

    @AfterEach
    void nothingWritten() throws Exception {
        assertEquals(before, everything());
    }

    static Stream<Arguments> requests() {
        String order = "{\"userId\":\"u\",\"quantity\":1}";
        String sale = "{\"name\":\"n\",\"totalStock\":5}";
        String unknownOrder = UUID.randomUUID().toString();
        return Stream.of(
                // service, caller (default: a buyer at the gateway, the tools elsewhere), method, path, content type, body,
                // status, problem type
                Arguments.of("gateway", "default", "POST", "/api/sales/{sale}/orders", "application/json", "{\"userId\":", 400, "malformed-json"),
                Arguments.of("gateway", "default", "POST", "/api/sales/{sale}/orders", "text/plain", order, 415, "unsupported-media-type"),
                Arguments.of("gateway", "default", "POST", "/api/sales/{sale}/orders", "application/json", "{\"userId\":\"u\",\"quantity\":-1}", 400, "invalid-request"),
                Arguments.of("gateway", "default", "POST", "/api/sales/no-such-sale/orders", "application/json", order, 404, "sale-not-found"),
                Arguments.of("gateway", "default", "POST", "/api/sales/{sale}/orders", "application/json", "{\"userId\":\"" + BIG + "\"}", 413, "payload-too-large"),
                Arguments.of("gateway", "default", "PUT", "/api/sales/{sale}", "application/json", order, 405, "method-not-allowed"),
                Arguments.of("gateway", "default", "GET", "/api/orders/not-a-uuid", null, null, 400, "invalid-request"),
                Arguments.of("gateway", "default", "GET", "/api/sales/no-such-sale", null, null, 404, "sale-not-found"),
                Arguments.of("orders", "default", "GET", "/api/orders/not-a-uuid", null, null, 400, "invalid-request"),
                Arguments.of("orders", "default", "GET", "/api/orders/" + unknownOrder, null, null, 404, "order-not-found"),
                Arguments.of("orders", "default", "GET", "/api/orders", null, null, 400, "invalid-request"),
                Arguments.of("orders", "default", "GET", "/api/orders?saleId={sale}&limit=0", null, null, 400, "invalid-request"),
                Arguments.of("orders", "default", "DELETE", "/api/orders/" + unknownOrder, null, null, 405, "method-not-allowed"),
                Arguments.of("inventory", "default", "POST", "/api/admin/sales", "application/json", "{\"name\":", 400, "malformed-json"),
                Arguments.of("inventory", "default", "POST", "/api/admin/sales", "text/plain", sale, 415, "unsupported-media-type"),
                Arguments.of("inventory", "default", "POST", "/api/admin/sales", "application/json", "{\"name\":\"n\",\"totalStock\":-5}", 400, "invalid-request"),
                Arguments.of("inventory", "default", "POST", "/api/admin/sales", "application/json", "{\"name\":\"" + BIG + "\",\"totalStock\":5}", 413, "payload-too-large"),
                Arguments.of("inventory", "default", "POST", "/api/admin/sales", "application/json", "{\"id\":\"{sale}\",\"name\":\"again\",\"totalStock\":5}", 409, "sale-exists"),
                Arguments.of("inventory", "default", "GET", "/api/admin/sales/no-such-sale", null, null, 404, "sale-not-found"),
                Arguments.of("inventory", "default", "POST", "/api/admin/sales/no-such-sale/pause", null, null, 404, "sale-not-found"),
                Arguments.of("inventory", "default", "POST", "/api/admin/sales/{sale}/resume", null, null, 409, "invalid-state-transition"),
                Arguments.of("inventory", "default", "DELETE", "/api/admin/sales/{sale}", null, null, 405, "method-not-allowed"),
                Arguments.of("inventory", "default", "GET", "/api/reconciliation/no-such-sale", null, null, 404, "sale-not-found"),
                // Who may not call: the same requests, refused before anything is read or written.
                Arguments.of("gateway", "nobody", "POST", "/api/sales/{sale}/orders", "application/json", "{\"quantity\":1}", 401, "unauthenticated"),
                Arguments.of("gateway", "nobody", "GET", "/api/orders/" + unknownOrder, null, null, 401, "unauthenticated"),
                Arguments.of("orders", "buyer", "GET", "/api/orders?saleId={sale}", null, null, 403, "forbidden"),
                Arguments.of("orders", "nobody", "GET", "/api/orders/" + unknownOrder, null, null, 401, "unauthenticated"),
                Arguments.of("inventory", "buyer", "POST", "/api/admin/sales", "application/json", sale, 403, "forbidden"),
                Arguments.of("inventory", "ops", "POST", "/api/admin/sales/{sale}/pause", null, null, 403, "forbidden"),
                Arguments.of("inventory", "nobody", "GET", "/api/reconciliation", null, null, 401, "unauthenticated"),
                Arguments.of("inventory", "buyer", "GET", "/api/reconciliation", null, null, 403, "forbidden"));
    }

    @ParameterizedTest(name = "{0} as {1}: {2} {3} {4} -> {6} {7}")
    @MethodSource("requests")
    void answersWithItsProblemType(String service, String caller, String method, String path, String contentType,
            String body, int status, String type) throws Exception {
        Map<TopicPartition, Long> topicBefore = endOffsets(pipeline.stack().kafka().bootstrapServers(),
                Topics.ORDERS_ACCEPTED);
        String url = base(service) + path.replace("{sale}", saleId);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.replace("{sale}", saleId));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        String token = switch (caller) {
            case "nobody" -> null;
            case "buyer" -> tokens.buyer("u");
            case "ops" -> pipeline.stack().keycloak().minter().token("olivia", Roles.OPS);
            default -> service.equals("gateway") ? tokens.buyer("u") : tokens.tools();
        };
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        Api.Answer answer = API.send(request.method(method, publisher).build());

        assertEquals(status, answer.status(), answer.body());
        JsonNode problem = answer.json();
        assertEquals("urn:flashsale:problem:" + type, problem.path("type").asText(), answer.body());
        assertEquals(status, problem.path("status").asInt());
        assertEquals(topicBefore, endOffsets(pipeline.stack().kafka().bootstrapServers(), Topics.ORDERS_ACCEPTED));
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirReason() throws Exception {
        String orderId = UUID.randomUUID().toString();
        List<String> bad = List.of(
                "not json",
                "{\"schemaVersion\":2,\"orderId\":\"" + orderId + "\"}",
                "{\"schemaVersion\":1,\"orderId\":\"" + orderId + "\",\"saleId\":\"" + saleId
                        + "\",\"userId\":\"u\",\"quantity\":-1,\"seq\":1,\"acceptedAt\":1}");
        String bootstrap = pipeline.stack().kafka().bootstrapServers();
        Map<TopicPartition, Long> dlqEnd = endOffsets(bootstrap, Topics.ORDERS_DLQ);
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (String value : bad) {
                producer.send(new ProducerRecord<>(Topics.ORDERS_ACCEPTED, "bad-input", value)).get();
            }
        }
        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            consumer.assign(dlqEnd.keySet());
            dlqEnd.forEach(consumer::seek);
            await("the bad records reach the DLQ").atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (bad.contains(r.value())) {
                        dead.add(r);
                    }
                });
                return dead.size() == bad.size();
            });
        }
        for (ConsumerRecord<String, String> record : dead) {
            var reason = record.headers().lastHeader(Topics.DLQ_REASON_HEADER);
            assertTrue(reason != null && reason.value().length > 0, "no reason on " + record.value());
        }
    }

    private static String base(String service) {
        return switch (service) {
            case "gateway" -> pipeline.gateway().url();
            case "orders" -> pipeline.orders().url();
            default -> pipeline.inventory().url();
        };
    }

    /**
     * Redis keys (on every master of a cluster) and the sale's counters, and the row counts of the tables.
     * Rate-limit buckets of other sales (other tests') expire while this one runs, so they are not counted;
     * this sale's are.
     */
    private static List<String> everything() throws Exception {
        long keys = 0;
        for (RedisServer redis : pipeline.stack().redisMasters()) {
            keys += ((List<?>) RespConnection.once(redis.port(), "KEYS", "*")).stream().map(String::valueOf)
                    .filter(k -> !k.contains(":rl:") || k.startsWith("fs:{" + saleId + "}:")).count();
        }
        int salePort = pipeline.stack().redisFor("fs:{" + saleId + "}:stock").port();
        String redis = keys + " " + RespConnection.once(salePort, "GET", "fs:{" + saleId + "}:stock")
                + RespConnection.once(salePort, "GET", "fs:{" + saleId + "}:seq");
        StringBuilder tables = new StringBuilder();
        try (Connection c = DriverManager.getConnection(pipeline.stack().postgres().jdbcUrl(), PostgresServer.USER, "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT (SELECT count(*) FROM orders.orders), (SELECT count(*) FROM inventory.sales)")) {
            rs.next();
            tables.append(rs.getLong(1)).append('/').append(rs.getLong(2));
        }
        return List.of(redis, tables.toString());
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = new java.util.TreeMap<>(
                    java.util.Comparator.comparingInt(TopicPartition::partition));
            ends.putAll(consumer.endOffsets(partitions));
            return ends;
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props);
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props);
    }
}
