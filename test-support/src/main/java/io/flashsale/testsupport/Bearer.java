package io.flashsale.testsupport;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;

/**
 * Makes every RestAssured request of a test carry one bearer token: for suites whose every call is one
 * caller's (an operator's, support's), so that each call does not repeat it. Suites about who may call
 * (BadIdentityTest) send their own headers instead.
 */
public final class Bearer {

    private Bearer() {
    }

    /** From now on, every request sends {@code Authorization: Bearer token}. */
    public static void use(String token) {
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + token)
                .build();
    }

    /** Requests send no token again. */
    public static void clear() {
        RestAssured.requestSpecification = null;
    }
}
