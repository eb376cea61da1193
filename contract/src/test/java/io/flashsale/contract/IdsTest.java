package io.flashsale.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdsTest {

    @ParameterizedTest
    @CsvSource({"summer-2026,true", "a,true", "-a,false", "a{b},false", "a b,false", "'',false"})
    void saleIds(String id, boolean valid) {
        assertEquals(valid, Ids.isSaleId(id));
    }

    @ParameterizedTest
    @CsvSource({"u-1,true", "'',false", "'a b',false", "'a\tb',false"})
    void userIds(String id, boolean valid) {
        assertEquals(valid, Ids.isUserId(id));
    }

    @ParameterizedTest
    @CsvSource({"0b7b2f4e-8f0e-4d6e-9a43-5b1f3c2d1e00,true", "0b7b2f4e8f0e4d6e9a435b1f3c2d1e00,false",
        "1-1-1-1-1,false", "nope,false"})
    void orderIds(String id, boolean valid) {
        assertEquals(valid, Ids.parseOrderId(id).isPresent());
    }
}
