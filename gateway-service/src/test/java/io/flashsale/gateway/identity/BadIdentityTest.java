package io.flashsale.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.flashsale.contract.RedisKeys;
import io.flashsale.stack.identity.SigningKey;
import io.flashsale.testsupport.BadTokens;
import io.flashsale.testsupport.BadTokens.BadToken;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.TestSales;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * What bad identity gets at the gateway: every header a broken client, a stale token or a forger sends
 * is answered 401 with a Bearer challenge and its own problem type, a token naming another buyer 403,
 * and nothing is reserved in Redis or published to Kafka.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadIdentityTest extends GatewayTestBase {

    private static final String SALE = "bad-identity-sale";
    private static final String ORDERS = "/api/sales/" + SALE + "/orders";

    private List<String> redisBefore;
    private long publishedBefore;

    @BeforeEach
    void openSaleAndSnapshot() {
        if (!redis.key().exists(RedisKeys.meta(SALE))) {
            TestSales.warm(redis, SALE, 10, 1, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        }
        redisBefore = TestSales.snapshot(redis, SALE);
        publishedBefore = publishedInAll();
    }

    @AfterEach
    void nothingWasReservedOrPublished() {
        assertEquals(redisBefore, TestSales.snapshot(redis, SALE));
        assertEquals(publishedBefore, publishedInAll());
    }

    Stream<BadToken> badTokens() {
        return BadTokens.all(issuer, "mallory", "flashsale-gateway").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void anOrderWithABadTokenIsRefused(BadToken bad) {
        with(bad).contentType("application/json").body("{\"quantity\":1}")
                .when().post(ORDERS)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer realm=\"flashsale\""))
                .body("type", equalTo("urn:flashsale:problem:" + bad.type()))
                .body("status", equalTo(401));
    }

    /** Each bad token on each GET a buyer may make: an order's status, and who the caller is. */
    Stream<Arguments> badTokensOnGets() {
        return badTokens().flatMap(bad -> Stream.of(Arguments.of(bad, "/api/orders/" + UUID.randomUUID()),
                Arguments.of(bad, "/api/me")));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("badTokensOnGets")
    void aGetWithABadTokenIsRefused(BadToken bad, String path) {
        with(bad).when().get(path)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer realm=\"flashsale\""))
                .body("type", equalTo("urn:flashsale:problem:" + bad.type()));
    }

    @Test
    void aBadTokenIsRefusedBeforeTheBodyIsRead() {
        given().contentType("application/json").body("{\"quantity\":")
                .when().post(ORDERS)
                .then().statusCode(401)
                .body("type", equalTo("urn:flashsale:problem:unauthenticated"));
    }

    @Test
    void aBodyNamingAnotherBuyerIsForbidden() {
        given().auth().oauth2(issuer.buyer("mallory")).contentType("application/json")
                .body("{\"userId\":\"alice\",\"quantity\":1}")
                .when().post(ORDERS)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:buyer-mismatch"))
                .body("field", equalTo("userId"));
    }

    @Test
    void aTokenWithoutAUsableBuyerIdIsForbidden() {
        String noSubject = issuer.claims("ignored").claim("sub", null).sign();
        given().auth().oauth2(noSubject).contentType("application/json").body("{\"quantity\":1}")
                .when().post(ORDERS)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:forbidden"));
    }

    /**
     * After a rotation the provider signs with its new key and no longer publishes the old one: the first
     * token of the new key makes the gateway read the JWKS again, and from then on the old key's tokens fail.
     */
    @Test
    void aTokenOfADeletedKeyIsRefusedAfterRotation() {
        String signedByOldKey = issuer.claims("mallory").audience("flashsale-gateway").sign();
        SigningKey deleted = issuer.rotate();
        assertEquals(deleted.kid(), kid(signedByOldKey));
        // Verified with the new key (only order-service is missing here): the gateway has read the new JWKS.
        // It reads it at most once per forced-jwk-refresh-interval (2 s in tests), which another test's
        // unknown key may just have used.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() ->
                given().auth().oauth2(issuer.buyer("mallory")).when().get("/api/orders/" + UUID.randomUUID())
                        .statusCode() == 503);

        given().auth().oauth2(signedByOldKey).contentType("application/json").body("{\"quantity\":1}")
                .when().post(ORDERS)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:invalid-token"));
    }

    private static String kid(String token) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        return new io.vertx.core.json.JsonObject(header).getString("kid");
    }

    private static RequestSpecification with(BadToken bad) {
        RequestSpecification request = given();
        return bad.authorization() == null ? request : request.header("Authorization", bad.authorization());
    }
}
