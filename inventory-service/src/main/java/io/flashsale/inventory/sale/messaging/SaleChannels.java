package io.flashsale.inventory.sale.messaging;

/** The messaging channels of the sales; their topics are set in application.properties. */
public final class SaleChannels {

    /** Outgoing, the sales' directory: {@code flashsale.sales}. */
    public static final String SALES = "sales";

    private SaleChannels() {
    }
}
