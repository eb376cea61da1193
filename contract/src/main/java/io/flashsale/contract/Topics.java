package io.flashsale.contract;

/** The Kafka topics of the pipeline. */
public final class Topics {

    /** Orders the gateway reserved and the broker acknowledged; key = user id. */
    public static final String ORDERS_ACCEPTED = "flashsale.orders.accepted";

    /** Records order-service could not decode, with the reason in headers. */
    public static final String ORDERS_DLQ = "flashsale.orders.dlq";

    /** Header of a dead-lettered record that says why it could not be decoded. */
    public static final String DLQ_REASON_HEADER = "flashsale-dlq-reason";

    /** Header of a dead-lettered record naming the topic-partition@offset it came from. */
    public static final String DLQ_SOURCE_HEADER = "flashsale-dlq-source";

    private Topics() {
    }
}
