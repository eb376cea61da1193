package io.flashsale.inventory.sale;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.RedisKeys;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.AsOperator;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SaleTransitionTest extends AsOperator {

    @Inject
    RedisDataSource redis;

    @Test
    void pauseSetsPausedInDatabaseAndRedis() {
        String id = SaleApi.create(10, 1);

        given().post("/api/admin/sales/" + id + "/pause").then().statusCode(200)
                .body("state", equalTo("PAUSED"), "redisState", equalTo("PAUSED"));
        assertEquals("PAUSED", redisState(id));
    }

    @Test
    void resumeSetsActiveAgain() {
        String id = SaleApi.create(10, 1);
        SaleApi.transition(id, "pause");

        given().post("/api/admin/sales/" + id + "/resume").then().statusCode(200).body("state", equalTo("ACTIVE"));
        assertEquals("ACTIVE", redisState(id));
    }

    @Test
    void endEndsAnActiveSale() {
        String id = SaleApi.create(10, 1);

        given().post("/api/admin/sales/" + id + "/end").then().statusCode(200).body("state", equalTo("ENDED"));
        assertEquals("ENDED", redisState(id));
    }

    @Test
    void endEndsAPausedSale() {
        String id = SaleApi.create(10, 1);
        SaleApi.transition(id, "pause");

        given().post("/api/admin/sales/" + id + "/end").then().statusCode(200).body("state", equalTo("ENDED"));
        assertEquals("ENDED", redisState(id));
    }

    @Test
    void resumingAnActiveSaleIsAConflictThatChangesNothing() {
        String id = SaleApi.create(10, 1);

        given().post("/api/admin/sales/" + id + "/resume").then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.INVALID_STATE_TRANSITION.uri()), "state", equalTo("ACTIVE"));
        assertEquals("ACTIVE", redisState(id));
        given().get("/api/admin/sales/" + id).then().body("state", equalTo("ACTIVE"));
    }

    @Test
    void anEndedSaleCannotBeResumed() {
        String id = SaleApi.create(10, 1);
        SaleApi.transition(id, "end");

        given().post("/api/admin/sales/" + id + "/resume").then().statusCode(409)
                .body("type", equalTo(ProblemType.INVALID_STATE_TRANSITION.uri()));
        assertEquals("ENDED", redisState(id));
    }

    @Test
    void transitionOfUnknownSaleIsA404() {
        given().post("/api/admin/sales/no-such-sale/pause").then().statusCode(404)
                .body("type", equalTo(ProblemType.SALE_NOT_FOUND.uri()));
    }

    @Test
    void whileRecoveringOnlyTheDatabaseChanges() {
        String id = SaleApi.create(10, 1);
        redis.hash(String.class).hset(RedisKeys.meta(id), RedisKeys.META_STATE, "RECOVERING");

        given().post("/api/admin/sales/" + id + "/pause").then().statusCode(200)
                .body("state", equalTo("PAUSED"), "redisState", equalTo("RECOVERING"));
        assertEquals("RECOVERING", redisState(id));
    }

    private String redisState(String id) {
        return redis.hash(String.class).hget(RedisKeys.meta(id), RedisKeys.META_STATE);
    }
}
