package io.flashsale.contract;

import org.jboss.logging.MDC;

/**
 * The fields every service puts on a log record about a sale or an order: the MDC keys {@value #SALE_ID}
 * and {@value #ORDER_ID}, which the JSON logs of production carry under {@code mdc}, so that one query
 * finds what each service logged about an order.
 *
 * <p>A scope is opened right around the lines it concerns and closed in the same thread: on the gateway's
 * event loop a callback may run on another thread (a Kafka or Redis client's), where an MDC set earlier
 * is not there. Closing restores what the keys held before, so scopes nest (an order within its sale).
 */
public final class LogFields {

    public static final String SALE_ID = "saleId";
    public static final String ORDER_ID = "orderId";

    private LogFields() {
    }

    /** {@code saleId} on every record logged by this thread until the scope is closed. */
    public static Scope sale(String saleId) {
        return new Scope(saleId, null);
    }

    /** {@code saleId} and {@code orderId} on every record logged by this thread until the scope is closed. */
    public static Scope order(String saleId, String orderId) {
        return new Scope(saleId, orderId);
    }

    /** Puts the fields on open and restores the previous ones on close; a null value leaves its key alone. */
    public static final class Scope implements AutoCloseable {

        private final Object previousSale;
        private final Object previousOrder;
        private final boolean sale;
        private final boolean order;

        private Scope(String saleId, String orderId) {
            this.sale = saleId != null;
            this.order = orderId != null;
            this.previousSale = sale ? MDC.put(SALE_ID, saleId) : null;
            this.previousOrder = order ? MDC.put(ORDER_ID, orderId) : null;
        }

        @Override
        public void close() {
            if (order) {
                restore(ORDER_ID, previousOrder);
            }
            if (sale) {
                restore(SALE_ID, previousSale);
            }
        }

        private static void restore(String key, Object previous) {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        }
    }
}
