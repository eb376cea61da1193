package io.flashsale.testsupport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import io.flashsale.contract.problem.Problem;
import io.restassured.path.json.JsonPath;

/** The service's OpenAPI document, and the operations its JAX-RS resources declare, as "METHOD /path". */
public final class ApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private ApiDocument() {
    }

    public static JsonPath fetch() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    /** Each operation of the document with the statuses it documents. */
    public static Map<String, Set<String>> operations(JsonPath document) {
        Map<String, Set<String>> operations = new TreeMap<>();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains).forEach(method ->
                operations.put(method.toUpperCase(Locale.ROOT) + " " + path,
                        document.<String, Object>getMap(responses(path, method)).keySet())));
        return operations;
    }

    /** Each operation is there, with exactly these statuses, and every error answer is problem+json. */
    public static void assertDescribes(JsonPath document, Map<String, Set<String>> expected) {
        assertEquals(new TreeMap<>(expected), operations(document));
        expected.forEach((operation, statuses) -> {
            String[] methodAndPath = operation.split(" ", 2);
            String responses = responses(methodAndPath[1], methodAndPath[0].toLowerCase(Locale.ROOT));
            statuses.stream().filter(s -> s.compareTo("400") >= 0).forEach(status ->
                    assertTrue(document.getMap(responses + ".'" + status + "'.content").containsKey(Problem.MEDIA_TYPE),
                            operation + " " + status + " is not documented as " + Problem.MEDIA_TYPE));
        });
    }

    /**
     * Every operation names the security scheme {@code scheme} (a bearer token), except the public ones,
     * which name none; the scheme itself is described as an HTTP bearer token.
     */
    public static void assertSecurity(JsonPath document, String scheme, Set<String> publicOperations) {
        assertEquals("http", document.getString("components.securitySchemes." + scheme + ".type"));
        assertEquals("bearer", document.getString("components.securitySchemes." + scheme + ".scheme"));
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        Set<String> open = new TreeSet<>();
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains).forEach(method -> {
            String operation = method.toUpperCase(Locale.ROOT) + " " + path;
            java.util.List<Map<String, Object>> security =
                    document.getList("paths.'" + path + "'." + method + ".security");
            if (security == null || security.isEmpty()) {
                open.add(operation);
            } else {
                assertTrue(security.stream().anyMatch(requirement -> requirement.containsKey(scheme)),
                        operation + " names no " + scheme + " security: " + security);
            }
        }));
        assertEquals(new TreeSet<>(publicOperations), open, "the operations anyone may call");
    }

    /** The "METHOD /path" of every resource method of these classes. */
    public static Set<String> resourceOperations(Class<?>... resources) {
        Set<String> operations = new TreeSet<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        Path sub = method.getAnnotation(Path.class);
                        operations.add(http.value() + " " + join(base, sub == null ? "" : sub.value()));
                    }
                }
            }
        }
        return operations;
    }

    private static String responses(String path, String method) {
        return "paths.'" + path + "'." + method + ".responses";
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
