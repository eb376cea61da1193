package io.flashsale.stack;

/** A started server, whichever way it runs: a local process group or a Docker container. */
interface Running {

    /** The server's process id on this machine. */
    long pid();

    boolean isAlive();

    /** Asks politely with {@code signal}, waits up to {@code graceMillis}, then kills; returns once it is gone. */
    void stop(String signal, long graceMillis);

    /** SIGKILL: what a crash looks like. */
    void kill();

    /** STOP (freeze, nothing answers) or CONT (resume). */
    void signal(String signal);
}
