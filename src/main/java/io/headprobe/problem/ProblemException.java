package io.headprobe.problem;

/** Thrown by resources to answer with a problem body instead of a result. */
public class ProblemException extends RuntimeException {

    private final int status;

    public ProblemException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public Problem problem() {
        return Problem.of(status, getMessage());
    }
}
