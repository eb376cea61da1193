package io.flashsale.inventory.sale;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.flashsale.contract.RedisKeys;
import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.inventory.support.AsOperator;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class SaleValidationTest extends AsOperator {

    @Inject
    RedisDataSource redis;

    /** Body with {@code ID} standing for a fresh sale id, then the field the 400 must name. */
    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("name missing", "{\"id\":\"ID\",\"totalStock\":10}", "name"),
                Arguments.of("name blank", "{\"id\":\"ID\",\"name\":\"   \",\"totalStock\":10}", "name"),
                Arguments.of("name too long", "{\"id\":\"ID\",\"name\":\"" + "n".repeat(201) + "\",\"totalStock\":10}",
                        "name"),
                Arguments.of("totalStock missing", "{\"id\":\"ID\",\"name\":\"x\"}", "totalStock"),
                Arguments.of("totalStock 0", "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":0}", "totalStock"),
                Arguments.of("totalStock -1", "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":-1}", "totalStock"),
                Arguments.of("totalStock 10,000,001", "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":10000001}",
                        "totalStock"),
                Arguments.of("totalStock not a number", "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":\"ten\"}",
                        "totalStock"),
                Arguments.of("perUserLimit 0", "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":10,\"perUserLimit\":0}",
                        "perUserLimit"),
                Arguments.of("perUserLimit above total",
                        "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":10,\"perUserLimit\":11}", "perUserLimit"),
                Arguments.of("endsAt equal to startsAt", "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":10,"
                        + "\"startsAt\":\"2030-01-01T10:00:00Z\",\"endsAt\":\"2030-01-01T10:00:00Z\"}", "endsAt"),
                Arguments.of("endsAt before startsAt", "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":10,"
                        + "\"startsAt\":\"2030-01-01T10:00:00Z\",\"endsAt\":\"2030-01-01T09:00:00Z\"}", "endsAt"),
                Arguments.of("startsAt not an instant",
                        "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":10,\"startsAt\":\"tomorrow\"}", "startsAt"),
                // The API is typed: numbers as JSON numbers (whole ones), strings and instants as strings.
                Arguments.of("totalStock as a string", "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":\"10\"}",
                        "totalStock"),
                Arguments.of("totalStock a fraction", "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":10.5}",
                        "totalStock"),
                Arguments.of("perUserLimit as a string",
                        "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":10,\"perUserLimit\":\"2\"}", "perUserLimit"),
                Arguments.of("perUserLimit true", "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":10,\"perUserLimit\":true}",
                        "perUserLimit"),
                Arguments.of("name a number", "{\"id\":\"ID\",\"name\":7,\"totalStock\":10}", "name"),
                Arguments.of("startsAt a number (seconds? milliseconds?)",
                        "{\"id\":\"ID\",\"name\":\"x\",\"totalStock\":10,\"startsAt\":1893456000000}", "startsAt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidFieldIsA400NamingItAndWritesNothing(String description, String template, String field) {
        String id = SaleApi.uniqueId();

        given().contentType(ContentType.JSON).body(template.replace("ID", id))
                .post("/api/admin/sales")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.INVALID_REQUEST.uri()), "field", equalTo(field));
        assertNothingWritten(id);
    }

    @Test
    void idWithBracesIsRefused() {
        String id = "a{b}";

        given().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"name\":\"x\",\"totalStock\":10}")
                .post("/api/admin/sales")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.INVALID_REQUEST.uri()), "field", equalTo("id"));
        assertNothingWritten(id);
    }

    @Test
    void malformedJsonIsA400WithoutField() {
        String id = SaleApi.uniqueId();

        assertMalformed(id, "{\"id\":\"" + id + "\",\"name\":");
    }

    @Test
    void aMemberTwiceIsMalformed() {
        String id = SaleApi.uniqueId();

        // Which totalStock was meant? Jackson would keep the last; the API refuses to guess.
        assertMalformed(id, "{\"id\":\"" + id + "\",\"name\":\"x\",\"totalStock\":10,\"totalStock\":10000}");
    }

    @Test
    void emptyBodyIsA400() {
        given().contentType(ContentType.JSON).post("/api/admin/sales")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.MALFORMED_JSON.uri()));
    }

    @Test
    void wrongContentTypeIsA415() {
        String id = SaleApi.uniqueId();

        given().contentType(ContentType.TEXT).body("{\"id\":\"" + id + "\",\"name\":\"x\",\"totalStock\":10}")
                .post("/api/admin/sales")
                .then().statusCode(415)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.UNSUPPORTED_MEDIA_TYPE.uri()));
        assertNothingWritten(id);
    }

    @Test
    void duplicateIdIsA409ThatLeavesTheSaleAlone() {
        String id = SaleApi.create(10, 1);
        redis.value(String.class).set(RedisKeys.stock(id), "4");

        given().contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"name\":\"again\",\"totalStock\":500,\"perUserLimit\":5}")
                .post("/api/admin/sales")
                .then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.SALE_EXISTS.uri()));
        assertEquals("4", redis.value(String.class).get(RedisKeys.stock(id)));
        assertEquals("10", redis.hash(String.class).hget(RedisKeys.meta(id), RedisKeys.META_TOTAL));
        given().get("/api/admin/sales/" + id).then()
                .body("name", equalTo("test sale"), "totalStock", equalTo(10), "perUserLimit", equalTo(1));
    }

    private void assertNothingWritten(String id) {
        given().urlEncodingEnabled(false).get("/api/admin/sales/" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .then().statusCode(404);
        assertEquals(0, redis.key().exists(RedisKeys.all(id)), "Redis keys of " + id);
        assertFalse(redis.set(String.class).sismember(RedisKeys.SALES, id), "fs:sales holds " + id);
    }

    /** The body is refused as malformed JSON, naming no field, and nothing of the sale is written. */
    private void assertMalformed(String id, String body) {
        given().contentType(ContentType.JSON).body(body)
                .post("/api/admin/sales")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.MALFORMED_JSON.uri()), "field", nullValue());
        assertNothingWritten(id);
    }
}
