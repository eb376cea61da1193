package io.flashsale.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.flashsale.gateway.support.GatewayTestBase;
import io.flashsale.gateway.support.Http;
import io.flashsale.gateway.support.TestSales;
import io.flashsale.testsupport.ConfigOverrides;

/** The buyer is whatever claim {@code flashsale.identity.buyer-claim} names: here a provider's own user id claim. */
@QuarkusTest
@TestProfile(BuyerClaimTest.CustomerNumber.class)
class BuyerClaimTest extends GatewayTestBase {

    public static class CustomerNumber extends ConfigOverrides {
        public CustomerNumber() {
            super("flashsale.identity.buyer-claim", "customer_number");
        }
    }

    @Test
    void theConfiguredClaimIsTheBuyer() throws Exception {
        String saleId = TestSales.open(redis, 10, 1);
        String token = issuer.claims("subject-of-no-interest").claim("customer_number", "C-1042").sign();

        HttpResponse<String> first = Http.send(Http.postOrder(uri(), token, saleId, 1, null));
        HttpResponse<String> second = Http.send(Http.postOrder(uri(), token, saleId, 1, null));

        assertEquals(202, first.statusCode(), first.body());
        assertEquals(409, second.statusCode(), second.body());
        assertEquals(Map.of("C-1042", "1"), TestSales.buyers(redis, saleId));
        assertEquals("C-1042", published(saleId).get(0).userId());
    }

    @Test
    void aTokenWithoutTheClaimIsForbidden() throws Exception {
        String saleId = TestSales.open(redis, 10, 1);

        HttpResponse<String> response = Http.send(Http.postOrder(uri(), issuer.buyer("only-a-subject"), saleId, 1, null));

        assertEquals(403, response.statusCode(), response.body());
        assertEquals(Map.of(), TestSales.buyers(redis, saleId));
    }
}
