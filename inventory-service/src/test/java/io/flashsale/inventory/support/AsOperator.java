package io.flashsale.inventory.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.flashsale.contract.Roles;
import io.flashsale.testsupport.Bearer;
import io.flashsale.testsupport.InjectIssuer;
import io.flashsale.testsupport.TestIssuer;

/**
 * The base of the suites whose every request is an operator's (admin and ops): each request carries that
 * token. Who else may call, and what they get: identity.BadIdentityTest.
 */
public abstract class AsOperator {

    @InjectIssuer
    protected TestIssuer issuer;

    /** The operator's token every request of the test carries. */
    protected String operator;

    @BeforeEach
    void asOperator() {
        operator = issuer.token("operator", Roles.ADMIN, Roles.OPS);
        Bearer.use(operator);
    }

    @AfterEach
    void anonymous() {
        Bearer.clear();
    }
}
