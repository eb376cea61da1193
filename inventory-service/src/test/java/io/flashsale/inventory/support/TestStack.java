package io.flashsale.inventory.support;

import io.flashsale.testsupport.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The stack every test of this module runs on (Kafka, Redis and PostgreSQL, and the tests' OpenID provider),
 * declared once here: a {@code @QuarkusTestResource} applies to every {@code @QuarkusTest} of the
 * module, which all share one stack (a test profile restarts the application, and the stack with it).
 */
@QuarkusTestResource(StackTestResource.class)
public final class TestStack {

    private TestStack() {
    }
}
