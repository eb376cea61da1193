package io.flashsale.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.Roles;
import io.flashsale.gateway.support.GatewayTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /api/me}: the buyer a verified token names (refusals of bad tokens: {@link BadIdentityTest}). */
@QuarkusTest
class CallerResourceTest extends GatewayTestBase {

    @Test
    void aBuyersTokenNamesTheBuyer() {
        given().auth().oauth2(issuer.buyer("alice-me"))
                .when().get("/api/me")
                .then().statusCode(200)
                .contentType("application/json")
                .body("buyerId", equalTo("alice-me"), "support", equalTo(false));
    }

    @Test
    void aSupportTokenSaysSo() {
        given().auth().oauth2(issuer.token("sam-me", Roles.SUPPORT))
                .when().get("/api/me")
                .then().statusCode(200)
                .body("buyerId", equalTo("sam-me"), "support", equalTo(true));
    }

    @Test
    void aTokenWithoutAUsableBuyerIsForbidden() {
        given().auth().oauth2(issuer.claims("has space").sign())
                .when().get("/api/me")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:forbidden"), "claim", equalTo("sub"));
    }
}
