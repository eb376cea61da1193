package io.flashsale.order.service;

/** A step of a batch that is retried until it succeeds; its name tags the retry metric and logs. */
enum Step {
    DEAD_LETTER("dead-letter"),
    PERSIST("persist");

    private final String tag;

    Step(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
