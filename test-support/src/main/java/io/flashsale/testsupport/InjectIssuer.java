package io.flashsale.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test field of type {@link TestIssuer}: the OpenID provider {@link io.flashsale.testsupport.StackTestResource}
 * started for the service under test, to mint tokens with.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectIssuer {
}
