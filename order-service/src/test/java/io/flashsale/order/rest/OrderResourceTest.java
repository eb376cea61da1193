package io.flashsale.order.rest;

import static io.flashsale.order.support.Orders.limited;
import static io.flashsale.order.support.Orders.newSaleId;
import static io.flashsale.order.support.Orders.order;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flashsale.contract.OrderEvent;
import io.flashsale.contract.Roles;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.order.persistence.OrderWriter;
import io.flashsale.testsupport.Bearer;
import io.flashsale.testsupport.InjectIssuer;
import io.flashsale.testsupport.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class OrderResourceTest {

    @Inject
    OrderWriter writer;

    @InjectIssuer
    TestIssuer issuer;

    /** Every request of these tests is support's; who else may ask is BadIdentityTest's. */
    @BeforeEach
    void asSupport() {
        Bearer.use(issuer.token("agent", Roles.SUPPORT));
    }

    @AfterEach
    void asNobody() {
        Bearer.clear();
    }

    @Test
    void aPersistedOrderIsConfirmed() {
        OrderEvent order = order(newSaleId("rest"), "u-1", 7);
        writer.write(List.of(order));

        given().when().get("/api/orders/{id}", order.orderId())
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("orderId", equalTo(order.orderId()))
                .body("saleId", equalTo(order.saleId()))
                .body("userId", equalTo("u-1"))
                .body("quantity", equalTo(1))
                .body("seq", equalTo(7))
                .body("acceptedAt", equalTo(Instant.ofEpochMilli(order.acceptedAt()).toString()))
                .body("persistedAt", notNullValue())
                .body("status", equalTo("CONFIRMED"))
                .body("$", not(hasKey("reason")))
                .body("$", not(hasKey("rejectedAt")));
    }

    @Test
    void anOrderTheDatabaseRefusedIsRejectedWithItsReason() {
        String sale = newSaleId("rest");
        OrderEvent first = limited(sale, "u-1", 1, 1);
        OrderEvent second = limited(sale, "u-1", 2, 1);
        writer.write(List.of(first, second));

        given().when().get("/api/orders/{id}", second.orderId())
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("orderId", equalTo(second.orderId()))
                .body("saleId", equalTo(sale))
                .body("userId", equalTo("u-1"))
                .body("quantity", equalTo(1))
                .body("seq", equalTo(2))
                .body("perUserLimit", equalTo(1))
                .body("rejectedAt", notNullValue())
                .body("persistedAt", nullValue())
                .body("status", equalTo("REJECTED"))
                .body("reason", equalTo("per-user-limit"));
    }

    @Test
    void aSaleListsItsConfirmedOrdersByDefaultAndItsRejectedOnesOnRequest() {
        String sale = newSaleId("rest");
        OrderEvent first = limited(sale, "u-1", 1, 1);
        OrderEvent second = limited(sale, "u-1", 2, 1);
        OrderEvent third = limited(sale, "u-1", 3, 1);
        writer.write(List.of(first, second, third));

        given().queryParam("saleId", sale)
                .when().get("/api/orders")
                .then().statusCode(200)
                .body("orderId", contains(first.orderId()));
        given().queryParam("saleId", sale).queryParam("status", "CONFIRMED")
                .when().get("/api/orders")
                .then().statusCode(200)
                .body("orderId", contains(first.orderId()));
        given().queryParam("saleId", sale).queryParam("status", "REJECTED").queryParam("afterSeq", 2)
                .when().get("/api/orders")
                .then().statusCode(200)
                .body("orderId", contains(third.orderId()))
                .body("status", contains("REJECTED"))
                .body("reason", contains("per-user-limit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PENDING", "rejected"})
    void aStatusOtherThanConfirmedOrRejectedIsA400NamingIt(String status) {
        given().queryParam("saleId", "s1").queryParam("status", status)
                .when().get("/api/orders")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("status"));
    }

    @Test
    void anUnknownOrderIsA404Problem() {
        String id = UUID.randomUUID().toString();

        given().when().get("/api/orders/{id}", id)
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.ORDER_NOT_FOUND.uri()))
                .body("orderId", equalTo(id));
    }

    @Test
    void anOrderIdThatIsNotAUuidIsA400NamingIt() {
        given().when().get("/api/orders/{id}", "not-a-uuid")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.INVALID_REQUEST.uri()))
                .body("field", equalTo("orderId"));
    }

    @Test
    void aSaleListsItsOrdersBySeq() {
        String sale = newSaleId("rest");
        OrderEvent third = order(sale, "u-1", 3);
        OrderEvent first = order(sale, "u-2", 1);
        OrderEvent second = order(sale, "u-1", 2);
        writer.write(List.of(third, first, second));

        given().queryParam("saleId", sale)
                .when().get("/api/orders")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("orderId", contains(first.orderId(), second.orderId(), third.orderId()));
    }

    @Test
    void aUserOfASaleListsOnlyTheirOrders() {
        String sale = newSaleId("rest");
        OrderEvent mine = order(sale, "u-me", 1);
        writer.write(List.of(mine, order(sale, "u-other", 2)));

        given().queryParam("saleId", sale).queryParam("userId", "u-me")
                .when().get("/api/orders")
                .then().statusCode(200)
                .body("orderId", contains(mine.orderId()));
    }

    @Test
    void theLimitCutsTheList() {
        String sale = newSaleId("rest");
        writer.write(List.of(order(sale, "u-1", 1), order(sale, "u-2", 2), order(sale, "u-3", 3)));

        given().queryParam("saleId", sale).queryParam("limit", 2)
                .when().get("/api/orders")
                .then().statusCode(200)
                .body("seq", contains(1, 2));
    }

    @Test
    void afterSeqStartsThePageAfterThatSeq() {
        String sale = newSaleId("rest");
        writer.write(List.of(order(sale, "u-1", 1), order(sale, "u-2", 2), order(sale, "u-3", 3)));

        given().queryParam("saleId", sale).queryParam("afterSeq", 1)
                .when().get("/api/orders")
                .then().statusCode(200)
                .body("seq", contains(2, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "one"})
    void anAfterSeqThatIsNotANonNegativeIntegerIsA400NamingIt(String afterSeq) {
        given().queryParam("saleId", "s1").queryParam("afterSeq", afterSeq)
                .when().get("/api/orders")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("afterSeq"));
    }

    @Test
    void aListWithoutASaleIsA400NamingIt() {
        given().when().get("/api/orders")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("saleId"));
    }

    @Test
    void aSaleIdOutsideItsShapeIsA400NamingIt() {
        given().queryParam("saleId", "{bad}")
                .when().get("/api/orders")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("saleId"));
    }

    @Test
    void aUserIdOutsideItsShapeIsA400NamingIt() {
        given().queryParam("saleId", "s1").queryParam("userId", "two words")
                .when().get("/api/orders")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("userId"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "5000", "-1", "ten"})
    void aLimitOutsideOneToAThousandIsA400NamingIt(String limit) {
        given().queryParam("saleId", "s1").queryParam("limit", limit)
                .when().get("/api/orders")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("limit"));
    }

    @Test
    void anEmptySaleIsAnEmptyList() {
        given().queryParam("saleId", newSaleId("rest"))
                .when().get("/api/orders")
                .then().statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void anUnknownPathIsA404Problem() {
        given().when().get("/api/nowhere")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.NOT_FOUND.uri()));
    }

    @Test
    void anotherMethodIsA405Problem() {
        given().when().delete("/api/orders/{id}", UUID.randomUUID().toString())
                .then().statusCode(405)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.METHOD_NOT_ALLOWED.uri()));
    }
}
