package io.flashsale.contract;

/** The Kafka topics of the pipeline. */
public final class Topics {

    /** Orders the gateway reserved and the broker acknowledged; key = user id. */
    public static final String ORDERS_ACCEPTED = "flashsale.orders.accepted";

    /** Records order-service could not decode, with the reason in headers. */
    public static final String ORDERS_DLQ = "flashsale.orders.dlq";

    /**
     * Every sale that exists, compacted: key = sale id, value = {@link #saleRecord}; a null value (a
     * tombstone) would remove one. Written by inventory-service, read whole by every gateway, so that a sale
     * Redis has forgotten (a failover, a FLUSHALL, a restart without persistence) is told apart from one that
     * never existed.
     */
    public static final String SALES = "flashsale.sales";

    /** Header of a dead-lettered record that says why it could not be decoded. */
    public static final String DLQ_REASON_HEADER = "flashsale-dlq-reason";

    /** Header of a dead-lettered record naming the topic-partition@offset it came from. */
    public static final String DLQ_SOURCE_HEADER = "flashsale-dlq-source";

    /** The value of a sale's record on {@link #SALES}: its id, as JSON (sale ids need no escaping). */
    public static String saleRecord(String saleId) {
        if (!Ids.isSaleId(saleId)) {
            throw new IllegalArgumentException("not a sale id: " + saleId);
        }
        return "{\"saleId\":\"" + saleId + "\"}";
    }

    private Topics() {
    }
}
