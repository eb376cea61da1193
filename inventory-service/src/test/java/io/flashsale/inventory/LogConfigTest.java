package io.flashsale.inventory;

import io.flashsale.testsupport.JsonLogConfigTests;

/** JSON console logs in production only, read from this service's application.properties. */
class LogConfigTest extends JsonLogConfigTests {
}
