package io.flashsale.gateway;

import io.flashsale.testsupport.PackageRules;

/** This service's packages follow the scheme of {@link PackageRules}: no cycles, layers in one direction. */
class PackageRulesTest extends PackageRules {

    PackageRulesTest() {
        super("io.flashsale.gateway");
    }
}
