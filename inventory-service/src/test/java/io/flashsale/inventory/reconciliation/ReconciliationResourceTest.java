package io.flashsale.inventory.reconciliation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.inventory.support.ReconciliationApi;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.AsOperator;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReconciliationResourceTest extends AsOperator {

    @Test
    void latestHoldsTheNewestRunOfEachSale() {
        String sale = SaleApi.create(10, 1);
        ReconciliationApi.run(sale);
        int newest = (Integer) ReconciliationApi.run(sale).get("id");

        List<Integer> ids = given().get("/api/reconciliation").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.saleId == '" + sale + "' }.id");

        assertEquals(List.of(newest), ids);
    }

    @Test
    void historyIsNewestFirstAndLimited() {
        String sale = SaleApi.create(10, 1);
        ReconciliationApi.run(sale);
        int second = (Integer) ReconciliationApi.run(sale).get("id");
        int third = (Integer) ReconciliationApi.run(sale).get("id");

        List<Integer> ids = given().queryParam("limit", 2).get("/api/reconciliation/" + sale)
                .then().statusCode(200).extract().jsonPath().getList("id");

        assertEquals(List.of(third, second), ids);
    }

    @Test
    void historyOfUnknownSaleIsA404Problem() {
        given().get("/api/reconciliation/no-such-sale").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.SALE_NOT_FOUND.uri()));
    }

    @Test
    void historyLimitOutOfRangeIsA400NamingIt() {
        String sale = SaleApi.create(10, 1);

        given().queryParam("limit", 0).get("/api/reconciliation/" + sale).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.INVALID_REQUEST.uri()), "field", equalTo("limit"));
    }

    @Test
    void runOfUnknownSaleIsA404Problem() {
        given().queryParam("saleId", "no-such-sale").post("/api/reconciliation/run").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.SALE_NOT_FOUND.uri()));
    }

    @Test
    void runOfEverySaleSkipsEndedSalesWithNothingPending() {
        String active = SaleApi.create(10, 1);
        String ended = SaleApi.create(10, 1);
        SaleApi.transition(ended, "end");
        ReconciliationApi.run(ended);

        given().post("/api/reconciliation/run").then().statusCode(200)
                .body("saleId", hasItem(active), "saleId", not(hasItem(ended)));
    }
}
