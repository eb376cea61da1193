package io.flashsale.inventory.sale;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.Ids;
import io.flashsale.contract.RedisKeys;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.AsOperator;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class SaleResourceTest extends AsOperator {

    private static final Instant STARTS = Instant.parse("2030-01-01T10:00:00Z");
    private static final Instant ENDS = Instant.parse("2030-01-01T11:30:00Z");

    @Inject
    RedisDataSource redis;

    @Test
    void createAnswers201WithLocationAndView() {
        String id = SaleApi.uniqueId();
        given().contentType(ContentType.JSON).body(body(id))
                .post("/api/admin/sales")
                .then().statusCode(201)
                .header("Location", endsWith("/api/admin/sales/" + id))
                .body("id", equalTo(id), "name", equalTo("Spring drop"), "totalStock", equalTo(100),
                        "perUserLimit", equalTo(2), "startsAt", equalTo(STARTS.toString()),
                        "endsAt", equalTo(ENDS.toString()), "state", equalTo("ACTIVE"),
                        "redisState", equalTo("ACTIVE"), "available", equalTo(100));
    }

    @Test
    void createWarmsRedis() {
        String id = SaleApi.uniqueId();
        given().contentType(ContentType.JSON).body(body(id)).post("/api/admin/sales").then().statusCode(201);

        assertEquals(Map.of(RedisKeys.META_TOTAL, "100", RedisKeys.META_PER_USER_LIMIT, "2",
                RedisKeys.META_STARTS_AT, Long.toString(STARTS.toEpochMilli()),
                RedisKeys.META_ENDS_AT, Long.toString(ENDS.toEpochMilli()), RedisKeys.META_STATE, "ACTIVE"),
                redis.hash(String.class).hgetall(RedisKeys.meta(id)));
        assertEquals("100", redis.value(String.class).get(RedisKeys.stock(id)));
        assertEquals("0", redis.value(String.class).get(RedisKeys.seq(id)));
        assertTrue(redis.set(String.class).sismember(RedisKeys.SALES, id));
    }

    @Test
    void createDefaultsLimitToOneAndWindowToAnHourFromNow() {
        Instant before = Instant.now().minusSeconds(1);
        String id = SaleApi.uniqueId();
        String startsAt = given().contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"name\":\"defaults\",\"totalStock\":5}")
                .post("/api/admin/sales")
                .then().statusCode(201).body("perUserLimit", equalTo(1))
                .extract().path("startsAt");
        Instant starts = Instant.parse(startsAt);
        assertTrue(!starts.isBefore(before) && starts.isBefore(Instant.now().plusSeconds(1)), startsAt);
        given().get("/api/admin/sales/" + id).then()
                .body("endsAt", equalTo(starts.plus(Duration.ofHours(1)).toString()));
    }

    @Test
    void createGeneratesAnIdWhenAbsent() {
        String id = given().contentType(ContentType.JSON).body("{\"name\":\"no id\",\"totalStock\":5}")
                .post("/api/admin/sales")
                .then().statusCode(201).extract().path("id");
        assertTrue(Ids.isSaleId(id), id);
        assertEquals("5", redis.value(String.class).get(RedisKeys.stock(id)));
    }

    @Test
    void warmUpNeverOverwritesLiveStock() {
        String id = SaleApi.create(10, 1);
        redis.value(String.class).set(RedisKeys.stock(id), "3");

        SaleApi.transition(id, "pause");
        SaleApi.transition(id, "resume");

        assertEquals("3", redis.value(String.class).get(RedisKeys.stock(id)));
    }

    @Test
    void getShowsLiveAvailableFromRedis() {
        String id = SaleApi.create(10, 1);
        redis.value(String.class).set(RedisKeys.stock(id), "7");

        given().get("/api/admin/sales/" + id).then().statusCode(200)
                .body("available", equalTo(7), "totalStock", equalTo(10));
    }

    @Test
    void getUnknownSaleIsA404Problem() {
        given().get("/api/admin/sales/no-such-sale").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.SALE_NOT_FOUND.uri()), "status", equalTo(404));
    }

    @Test
    void listIncludesEverySale() {
        String id = SaleApi.create(10, 1);
        given().get("/api/admin/sales").then().statusCode(200).body("id", hasItem(id));
    }

    private static String body(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"Spring drop\",\"totalStock\":100,\"perUserLimit\":2,"
                + "\"startsAt\":\"" + STARTS + "\",\"endsAt\":\"" + ENDS + "\"}";
    }
}
