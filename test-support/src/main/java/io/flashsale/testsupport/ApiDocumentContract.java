package io.flashsale.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * What every service's API document at /q/openapi must say, as tests a service's {@code OpenApiTest}
 * inherits: every endpoint and every answer, errors as problems, who may call each operation, the
 * service's title, and Swagger UI served.
 */
public interface ApiDocumentContract {

    /** The service's name, as the document's title says it: "flashsale NAME". */
    String service();

    /** Every documented operation ("METHOD /path") with the statuses it answers. */
    Map<String, Set<String>> operations();

    /** The service's JAX-RS resources, whose operations are exactly the documented and the hidden ones. */
    Class<?>[] resources();

    /** Operations the resources declare and the document leaves out (pages for a browser). */
    default Set<String> hidden() {
        return Set.of();
    }

    /** Operations anyone may call: the document names no security scheme for them. */
    default Set<String> publicOperations() {
        return Set.of();
    }

    @Test
    default void theResourcesHaveExactlyTheseOperations() {
        Set<String> all = new TreeSet<>(operations().keySet());
        all.addAll(hidden());
        assertEquals(all, ApiDocument.resourceOperations(resources()));
    }

    @Test
    default void theDocumentListsEveryOperationWithItsAnswersAndErrorsAsProblems() {
        ApiDocument.assertDescribes(ApiDocument.fetch(), operations());
    }

    @Test
    default void everyOperationSaysWhoMayCallIt() {
        ApiDocument.assertSecurity(ApiDocument.fetch(), "bearer", publicOperations());
    }

    @Test
    default void theDocumentIsTitledAfterTheService() {
        assertEquals("flashsale " + service(), ApiDocument.fetch().getString("info.title"));
    }

    @Test
    default void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
    }
}
