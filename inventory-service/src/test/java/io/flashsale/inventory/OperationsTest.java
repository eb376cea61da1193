package io.flashsale.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;
import io.flashsale.inventory.support.AsOperator;
import io.flashsale.testsupport.Management;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** What operators reach besides the API: probes and the dashboard (the API document: OpenApiTest). */
@QuarkusTest
class OperationsTest extends AsOperator {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void readyWhenDatabaseRedisAndKafkaAre() {
        given().get(Management.url(management, "/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theRootLeadsToTheDashboard() {
        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", endsWith("/dashboard"));
    }

    @Test
    void dashboardIsAPageThatNeedsNothingFromElsewhere() {
        given().get("/dashboard").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("/dashboard/stream"), containsString("/dashboard/sales/"),
                        not(containsString("src=\"http")), not(containsString("href=\"http")));
    }

    @Test
    void unknownPathIsA404Problem() {
        given().get("/api/nothing-here").then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.NOT_FOUND.uri()));
    }
}
