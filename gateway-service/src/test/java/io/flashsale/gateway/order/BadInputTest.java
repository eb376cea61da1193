package io.flashsale.gateway.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.flashsale.contract.RedisKeys;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.TestSales;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Every kind of bad request from a buyer with a valid token gets its problem type, names what is wrong,
 * and changes nothing in Redis. (Bad tokens: BadIdentityTest.)
 */
@QuarkusTest
class BadInputTest extends GatewayTestBase {

    private static final String SALE = "bad-input-sale";
    private static final String ORDERS = "/api/sales/" + SALE + "/orders";
    private List<String> before;

    @BeforeEach
    void openSaleAndSnapshot() {
        if (!redis.key().exists(RedisKeys.meta(SALE))) {
            TestSales.warm(redis, SALE, 10, 1, java.time.Instant.now().minusSeconds(60),
                    java.time.Instant.now().plusSeconds(3600));
        }
        before = TestSales.snapshot(redis, SALE);
    }

    @AfterEach
    void nothingChanged() {
        assertEquals(before, TestSales.snapshot(redis, SALE));
    }

    static Stream<Arguments> badOrders() {
        String longId = "u".repeat(10 * 1024);
        return Stream.of(
                // content type, body, status, problem type, field (null: none)
                Arguments.of("application/json", "{\"userId\":", 400, "malformed-json", null),
                Arguments.of("application/json", "[1,2]", 400, "malformed-json", null),
                Arguments.of("application/json", "", 400, "invalid-request", "body"),
                Arguments.of("text/plain", "{\"userId\":\"u\",\"quantity\":1}", 415, "unsupported-media-type", null),
                Arguments.of("application/json", "{\"userId\":\"u\"}", 400, "invalid-request", "quantity"),
                Arguments.of("application/json", "{\"userId\":\"u\",\"quantity\":0}", 400, "invalid-request", "quantity"),
                Arguments.of("application/json", "{\"userId\":\"u\",\"quantity\":-3}", 400, "invalid-request", "quantity"),
                Arguments.of("application/json", "{\"userId\":\"u\",\"quantity\":1001}", 400, "invalid-request", "quantity"),
                Arguments.of("application/json", "{\"userId\":\"u\",\"quantity\":99999999999}", 400, "invalid-request", "quantity"),
                Arguments.of("application/json", "{\"userId\":\"u\",\"quantity\":\"one\"}", 400, "invalid-request", "quantity"),
                // The API is typed: a number only as a JSON number, a whole one; a string only as a string.
                Arguments.of("application/json", "{\"quantity\":\"1\"}", 400, "invalid-request", "quantity"),
                Arguments.of("application/json", "{\"quantity\":1.5}", 400, "invalid-request", "quantity"),
                Arguments.of("application/json", "{\"quantity\":1.0}", 400, "invalid-request", "quantity"),
                Arguments.of("application/json", "{\"quantity\":true}", 400, "invalid-request", "quantity"),
                Arguments.of("application/json", "{\"quantity\":\"\"}", 400, "invalid-request", "quantity"),
                Arguments.of("application/json", "{\"userId\":42,\"quantity\":1}", 400, "invalid-request", "userId"),
                Arguments.of("application/json", "{\"quantity\":1,\"quantity\":500}", 400, "malformed-json", null),
                // The buyer is the token's ("u"); a body that names anyone else is refused.
                Arguments.of("application/json", "{\"userId\":\"someone-else\",\"quantity\":1}", 403, "buyer-mismatch", "userId"),
                Arguments.of("application/json", "{\"userId\":\"\",\"quantity\":1}", 403, "buyer-mismatch", "userId"),
                Arguments.of("application/json", "{\"userId\":\"a b\",\"quantity\":1}", 403, "buyer-mismatch", "userId"),
                Arguments.of("application/json", "{\"userId\":\"" + longId + "\",\"quantity\":1}", 403, "buyer-mismatch", "userId"),
                Arguments.of("application/json", "{\"userId\":[\"u\"],\"quantity\":1}", 400, "invalid-request", "userId"),
                Arguments.of("application/json", "{\"userId\":\"" + "u".repeat(20 * 1024) + "\",\"quantity\":1}", 413, "payload-too-large", null));
    }

    @ParameterizedTest
    @MethodSource("badOrders")
    void badOrderBodies(String contentType, String body, int status, String type, String field) {
        ValidatableResponse response = asBuyer().contentType(contentType).body(body)
                .when().post(ORDERS)
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:" + type))
                .body("status", equalTo(status));
        if (field != null) {
            response.body("field", equalTo(field));
        }
    }

    static Stream<Arguments> badRequests() {
        String order = "{\"userId\":\"u\",\"quantity\":1}";
        return Stream.of(
                // method, path, body, status, problem type, field
                Arguments.of("POST", "/api/sales/no-such-sale/orders", order, 404, "sale-not-found", null),
                Arguments.of("POST", "/api/sales/a{b}/orders", order, 400, "invalid-request", "saleId"),
                Arguments.of("GET", "/api/orders/not-a-uuid", null, 400, "invalid-request", "orderId"),
                Arguments.of("GET", "/api/sales/no-such-sale", null, 404, "sale-not-found", null),
                Arguments.of("GET", "/api/sales/a%20b", null, 400, "invalid-request", "saleId"),
                Arguments.of("DELETE", "/api/orders/" + java.util.UUID.randomUUID(), null, 405, "method-not-allowed", null),
                Arguments.of("PUT", "/api/sales/" + SALE, null, 405, "method-not-allowed", null),
                Arguments.of("GET", "/api/nowhere", null, 404, "not-found", null));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void badRequests(String method, String path, String body, int status, String type, String field) {
        var request = asBuyer().urlEncodingEnabled(false);
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        ValidatableResponse response = request.when().request(method, path.replace("{", "%7B").replace("}", "%7D"))
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:" + type))
                .body("title", startsWith(""));
        if (field != null) {
            response.body("field", equalTo(field));
        }
    }

    @ParameterizedTest
    @MethodSource("badKeys")
    void badIdempotencyKeys(String key) {
        asBuyer().contentType("application/json").header("Idempotency-Key", key)
                .body("{\"userId\":\"u\",\"quantity\":1}")
                .when().post(ORDERS)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("Idempotency-Key"));
    }

    static Stream<String> badKeys() {
        return Stream.of("has space", "k".repeat(129));
    }

    /** Requests of the buyer "u", with a valid token: only the request itself is bad. */
    private RequestSpecification asBuyer() {
        return given().auth().oauth2(issuer.buyer("u"));
    }
}
