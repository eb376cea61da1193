package io.flashsale.order.support;

import io.flashsale.testsupport.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The stack every test of this module runs on (Kafka and PostgreSQL, and the tests' OpenID provider),
 * declared once here: a {@code @QuarkusTestResource} applies to every {@code @QuarkusTest} of the
 * module, which all share one stack (a test profile restarts the application, and the stack with it).
 */
@QuarkusTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "pieces", value = "kafka,postgres"))
public final class TestStack {

    private TestStack() {
    }
}
