package io.flashsale.gateway.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.Roles;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** Order status, each buyer's own, and the public sale view. order-service is not running in these tests. */
@QuarkusTest
class OrderStatusTest extends GatewayTestBase {

    @Test
    void anAcceptedOrderIsPendingUntilPersisted() throws Exception {
        String saleId = TestSales.open(redis, 5, 1);
        HttpResponse<String> placed = Http.send(order(saleId, "watcher", 1, null));
        String orderId = new JsonObject(placed.body()).getString("orderId");

        given().auth().oauth2(issuer.buyer("watcher")).when().get("/api/orders/" + orderId)
                .then().statusCode(200)
                .body("orderId", equalTo(orderId))
                .body("saleId", equalTo(saleId))
                .body("userId", equalTo("watcher"))
                .body("quantity", equalTo(1))
                .body("seq", equalTo(1))
                .body("status", equalTo("PENDING"));
    }

    @Test
    void anotherBuyersOrderIsNotFoundAsIfItDidNotExist() throws Exception {
        String saleId = TestSales.open(redis, 5, 1);
        HttpResponse<String> placed = Http.send(order(saleId, "owner", 1, null));
        String orderId = new JsonObject(placed.body()).getString("orderId");

        given().auth().oauth2(issuer.buyer("snoop")).when().get("/api/orders/" + orderId)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:order-not-found"))
                .body("detail", equalTo("no order " + orderId));
    }

    @Test
    void supportSeesEveryBuyersOrder() throws Exception {
        String saleId = TestSales.open(redis, 5, 1);
        HttpResponse<String> placed = Http.send(order(saleId, "someone", 1, null));
        String orderId = new JsonObject(placed.body()).getString("orderId");

        given().auth().oauth2(issuer.token("agent", Roles.SUPPORT)).when().get("/api/orders/" + orderId)
                .then().statusCode(200)
                .body("userId", equalTo("someone"))
                .body("status", equalTo("PENDING"));
    }

    @Test
    void anUnknownOrderCannotBeConfirmedWhileOrderServiceIsDown() {
        given().auth().oauth2(issuer.buyer("anyone")).when().get("/api/orders/" + UUID.randomUUID())
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:dependency-unavailable"))
                .body("dependency", equalTo("order-service"));
    }

    @Test
    void theSaleViewShowsStateWindowAndRemainingStock() throws Exception {
        String saleId = TestSales.open(redis, 7, 2);
        Http.send(order(saleId, "a", 2, null));

        given().when().get("/api/sales/" + saleId)
                .then().statusCode(200)
                .body("saleId", equalTo(saleId))
                .body("state", equalTo("ACTIVE"))
                .body("total", equalTo(7))
                .body("perUserLimit", equalTo(2))
                .body("remaining", equalTo(5));
    }

    @Test
    void aFlushedScriptCacheIsReloaded() throws Exception {
        String saleId = TestSales.open(redis, 5, 1);
        redis.execute("SCRIPT", "FLUSH");

        HttpResponse<String> placed = Http.send(order(saleId, "after-flush", 1, null));

        org.junit.jupiter.api.Assertions.assertEquals(202, placed.statusCode());
        org.junit.jupiter.api.Assertions.assertEquals(4, TestSales.stock(redis, saleId));
    }
}
