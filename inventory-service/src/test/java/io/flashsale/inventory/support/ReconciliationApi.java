package io.flashsale.inventory.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

/** Runs reconciliation of one sale through the API. */
public final class ReconciliationApi {

    private ReconciliationApi() {
    }

    /** The run made for the sale, as JSON fields. */
    public static Map<String, Object> run(String saleId) {
        return given().queryParam("saleId", saleId)
                .post("/api/reconciliation/run")
                .then().statusCode(200).body("$", hasSize(1))
                .extract().jsonPath().getMap("[0]");
    }
}
