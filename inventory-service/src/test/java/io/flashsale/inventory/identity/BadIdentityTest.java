package io.flashsale.inventory.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.flashsale.contract.RedisKeys;
import io.flashsale.contract.Roles;
import io.flashsale.inventory.sale.service.SaleService;
import io.flashsale.inventory.support.SaleApi;
import io.flashsale.testsupport.Bearer;
import io.flashsale.testsupport.BadTokens;
import io.flashsale.testsupport.InjectIssuer;
import io.flashsale.testsupport.TestIssuer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may not call inventory-service: every bad token on every kind of endpoint gets 401 with a Bearer
 * challenge; a buyer on the admin API, an operator on pause (API and dashboard), a buyer on the dashboard
 * get 403; a browser without a session is sent to the provider's login page. Nothing changes in the
 * database or in Redis.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadIdentityTest {

    @InjectIssuer
    TestIssuer issuer;

    @Inject
    SaleService sales;

    @Inject
    RedisDataSource redis;

    private String sale;
    private String stateBefore;
    private long salesBefore;
    private long keysBefore;

    @BeforeEach
    void aSaleToTouch() {
        if (sale == null) {
            Bearer.use(issuer.token("adam", Roles.ADMIN));
            sale = SaleApi.create(10, 1);
            Bearer.clear();
        }
        stateBefore = redis.hash(String.class).hget(RedisKeys.meta(sale), RedisKeys.META_STATE);
        salesBefore = sales.list().size();
        keysBefore = redis.key().keys("*").size();
    }

    @AfterEach
    void nothingChanged() {
        assertEquals(stateBefore, redis.hash(String.class).hget(RedisKeys.meta(sale), RedisKeys.META_STATE));
        assertEquals(salesBefore, sales.list().size());
        assertEquals(keysBefore, redis.key().keys("*").size());
    }

    /** Each kind of endpoint: the admin API (read and write), the reports, a run, and the dashboard's stream. */
    Stream<Arguments> badTokensEverywhere() {
        List<String[]> endpoints = List.of(
                new String[] {"POST", "/api/admin/sales"},
                new String[] {"GET", "/api/admin/sales"},
                new String[] {"POST", "/api/admin/sales/" + sale + "/pause"},
                new String[] {"GET", "/api/reconciliation"},
                new String[] {"POST", "/api/reconciliation/run?saleId=" + sale},
                new String[] {"GET", "/dashboard/stream"});
        return BadTokens.all(issuer, "mallory", "flashsale-inventory-service").stream()
                .filter(bad -> bad.authorization() != null && bad.authorization().startsWith("Bearer"))
                .flatMap(bad -> endpoints.stream().map(e -> Arguments.of(bad, e[0], e[1])));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("badTokensEverywhere")
    void aBadBearerTokenIsRefused(BadTokens.BadToken bad, String method, String path) {
        given().header("Authorization", bad.authorization()).contentType(ContentType.JSON)
                .body("{\"id\":\"never-made\",\"name\":\"x\",\"totalStock\":5}")
                .urlEncodingEnabled(false)
                .when().request(method, path)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer realm=\"flashsale\""))
                .body("type", equalTo("urn:flashsale:problem:" + bad.type()));
    }

    Stream<Arguments> noBearer() {
        return BadTokens.all(issuer, "mallory", "flashsale-inventory-service").stream()
                .filter(bad -> bad.authorization() == null || !bad.authorization().startsWith("Bearer"))
                .flatMap(bad -> Stream.of(Arguments.of(bad, "POST", "/api/admin/sales"),
                        Arguments.of(bad, "GET", "/api/reconciliation")));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("noBearer")
    void anApiCallWithoutABearerTokenIsRefused(BadTokens.BadToken bad, String method, String path) {
        RequestSpecification request = given().contentType(ContentType.JSON).body("{}");
        if (bad.authorization() != null) {
            request.header("Authorization", bad.authorization());
        }
        request.when().request(method, path)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer realm=\"flashsale\""))
                .body("type", equalTo("urn:flashsale:problem:unauthenticated"));
    }

    Stream<Arguments> forbidden() {
        String buyer = issuer.buyer("bob");
        String ops = issuer.token("olivia", Roles.OPS);
        String support = issuer.token("sam", Roles.SUPPORT);
        return Stream.of(
                Arguments.of("a buyer creates a sale", buyer, "POST", "/api/admin/sales"),
                Arguments.of("a buyer lists the sales", buyer, "GET", "/api/admin/sales"),
                Arguments.of("a buyer reads the reconciliation report", buyer, "GET", "/api/reconciliation"),
                Arguments.of("a buyer runs reconciliation", buyer, "POST", "/api/reconciliation/run?saleId=" + sale),
                Arguments.of("a buyer watches the dashboard", buyer, "GET", "/dashboard/stream"),
                Arguments.of("support watches the dashboard", support, "GET", "/dashboard/stream"),
                Arguments.of("ops pauses through the API", ops, "POST", "/api/admin/sales/" + sale + "/pause"),
                Arguments.of("ops ends through the API", ops, "POST", "/api/admin/sales/" + sale + "/end"),
                Arguments.of("ops creates a sale", ops, "POST", "/api/admin/sales"),
                Arguments.of("ops pauses on the dashboard", ops, "POST", "/dashboard/sales/" + sale + "/pause"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forbidden")
    void aTokenWithoutTheRoleIsForbidden(String who, String token, String method, String path) {
        given().auth().oauth2(token).header("X-Requested-With", "JavaScript").contentType(ContentType.JSON)
                .body("{\"id\":\"never-made\",\"name\":\"x\",\"totalStock\":5}")
                .urlEncodingEnabled(false)
                .when().request(method, path)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:forbidden"));
    }

    @Test
    void aDashboardActionFromAnywhereButThePageIsForbiddenEvenToAnAdmin() {
        given().auth().oauth2(issuer.token("adam", Roles.ADMIN))
                .when().post("/dashboard/sales/" + sale + "/pause")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flashsale:problem:forbidden"));
    }

    @Test
    void aBrowserWithoutASessionIsSentToTheLoginPage() {
        given().redirects().follow(false).when().get("/dashboard")
                .then().statusCode(302)
                .header("Location", startsWith(issuer.url() + "/protocol/openid-connect/auth?"));
    }

    @Test
    void thePagesOwnRequestsWithoutASessionAreToldSoInsteadOfRedirected() {
        given().redirects().follow(false).header("X-Requested-With", "JavaScript")
                .when().post("/dashboard/sales/" + sale + "/pause")
                .then().statusCode(499);
    }
}
