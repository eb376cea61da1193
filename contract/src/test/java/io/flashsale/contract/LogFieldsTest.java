package io.flashsale.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

class LogFieldsTest {

    @Test
    void anOrderScopeNestedInItsSaleScopeLeavesTheSaleAndThenNothing() {
        try (LogFields.Scope sale = LogFields.sale("s-1")) {
            try (LogFields.Scope order = LogFields.order("s-1", "o-1")) {
                assertEquals("s-1", MDC.get(LogFields.SALE_ID));
                assertEquals("o-1", MDC.get(LogFields.ORDER_ID));
            }
            assertEquals("s-1", MDC.get(LogFields.SALE_ID));
            assertNull(MDC.get(LogFields.ORDER_ID));
        }
        assertNull(MDC.get(LogFields.SALE_ID));
        assertNull(MDC.get(LogFields.ORDER_ID));
    }

    @Test
    void aScopeForAnotherSaleRestoresTheOneBefore() {
        try (LogFields.Scope outer = LogFields.sale("s-1")) {
            try (LogFields.Scope inner = LogFields.order("s-2", "o-2")) {
                assertEquals("s-2", MDC.get(LogFields.SALE_ID));
            }
            assertEquals("s-1", MDC.get(LogFields.SALE_ID));
        }
        assertNull(MDC.get(LogFields.SALE_ID));
    }

    @Test
    void aNullOrderLeavesTheKeyAlone() {
        try (LogFields.Scope sale = LogFields.order("s-1", null)) {
            assertEquals("s-1", MDC.get(LogFields.SALE_ID));
            assertNull(MDC.get(LogFields.ORDER_ID));
        }
        assertNull(MDC.get(LogFields.SALE_ID));
    }
}
