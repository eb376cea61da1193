package io.flashsale.stack;

/** A piece of the embedded stack could not be started, stopped or reached. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
