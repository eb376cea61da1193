package io.flashsale.contract.problem;

/** Thrown (or failed with, in a {@code Uni}) to answer with a problem. Carries no stack trace. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.type().uri(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
