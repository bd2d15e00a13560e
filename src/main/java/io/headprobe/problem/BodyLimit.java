package io.headprobe.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses a declared body larger than headprobe.probe.max-body-bytes with a 413 problem before
 * reading it. Chunked bodies are capped by quarkus.http.limits.max-body-size.
 */
public class BodyLimit {

    @ConfigProperty(name = "headprobe.probe.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    @ServerRequestFilter(preMatching = true)
    public Response refuseLargeBodies(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        try {
            if (Long.parseLong(length.strip()) <= maxBodyBytes) {
                return null;
            }
        } catch (NumberFormatException e) {
            return Problem.of(400, "Content-Length is not a number").toResponse();
        }
        return Problem.of(413, "the body is larger than " + maxBodyBytes + " bytes").toResponse();
    }
}
