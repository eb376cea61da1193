package io.flashsale.order.persistence;

/** A batch of orders could not be written; the transaction rolled back and may be retried as a whole. */
public class OrderWriteException extends RuntimeException {

    public OrderWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
