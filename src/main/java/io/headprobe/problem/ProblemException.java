package io.headprobe.problem;

import java.util.Map;

import jakarta.ws.rs.core.Response;

/** Thrown by resources to answer with a problem body instead of a result. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    public ProblemException(int status, String detail) {
        this(status, detail, Map.of());
    }

    /** With response headers, such as Retry-After on a 429. */
    public ProblemException(int status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.headers = headers;
    }

    public Problem problem() {
        return Problem.of(status, getMessage());
    }

    public Response toResponse() {
        Response.ResponseBuilder response = problem().toResponseBuilder();
        headers.forEach(response::header);
        return response.build();
    }
}
