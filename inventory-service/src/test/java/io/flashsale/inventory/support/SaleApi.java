package io.flashsale.inventory.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;

/** Creates and drives sales through the admin API. */
public final class SaleApi {

    private SaleApi() {
    }

    /** A sale id no other test uses. */
    public static String uniqueId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public static String create(int totalStock, int perUserLimit) {
        String id = uniqueId();
        given().contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"name\":\"test sale\",\"totalStock\":" + totalStock
                        + ",\"perUserLimit\":" + perUserLimit + "}")
                .post("/api/admin/sales")
                .then().statusCode(201);
        return id;
    }

    public static void transition(String id, String action) {
        given().post("/api/admin/sales/" + id + "/" + action).then().statusCode(200);
    }
}
