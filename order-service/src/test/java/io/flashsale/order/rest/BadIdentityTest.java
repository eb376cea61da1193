package io.flashsale.order.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.flashsale.contract.Roles;
import io.flashsale.testsupport.BadTokens;
import io.flashsale.testsupport.BadTokens.BadToken;
import io.flashsale.testsupport.InjectIssuer;
import io.flashsale.testsupport.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The order queries answer support only: a bad token gets 401 with a Bearer challenge, a valid token
 * without the role flashsale-support (a buyer's, an admin's) 403. The queries only read, so refusing
 * them changes nothing either way.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadIdentityTest {

    @InjectIssuer
    TestIssuer issuer;

    Stream<BadToken> badTokens() {
        return BadTokens.all(issuer, "agent", "flashsale-order-service").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aQueryWithABadTokenIsRefused(BadToken bad) {
        with(bad).queryParam("saleId", "any-sale").when().get("/api/orders")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer realm=\"flashsale\""))
                .body("type", equalTo("urn:flashsale:problem:" + bad.type()));
        with(bad).when().get("/api/orders/" + UUID.randomUUID())
                .then().statusCode(401)
                .body("type", equalTo("urn:flashsale:problem:" + bad.type()));
    }

    @Test
    void aBuyersTokenIsForbidden() {
        given().auth().oauth2(issuer.buyer("curious")).queryParam("saleId", "any-sale").when().get("/api/orders")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:forbidden"));
    }

    @Test
    void anAdminsTokenIsForbiddenToo() {
        given().auth().oauth2(issuer.token("adam", Roles.ADMIN, Roles.OPS)).when().get("/api/orders/" + UUID.randomUUID())
                .then().statusCode(403)
                .body("type", equalTo("urn:flashsale:problem:forbidden"));
    }

    @Test
    void aTokenForTheGatewayOnlyIsNotForThisService() {
        String gatewayOnly = issuer.claims("agent").audience("flashsale-gateway").roles(Roles.SUPPORT).sign();
        given().auth().oauth2(gatewayOnly).queryParam("saleId", "any-sale").when().get("/api/orders")
                .then().statusCode(401)
                .body("type", equalTo("urn:flashsale:problem:invalid-token"));
    }

    private static RequestSpecification with(BadToken bad) {
        RequestSpecification request = given();
        return bad.authorization() == null ? request : request.header("Authorization", bad.authorization());
    }
}
