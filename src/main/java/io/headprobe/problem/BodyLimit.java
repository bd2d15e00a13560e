package io.headprobe.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.headprobe.http.RouteOrder;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a body declared larger than headprobe.probe.max-body-bytes (headprobe.scan.max-body-bytes
 * for POST /scans and headprobe.probe.stream-max-body-bytes for POST /probe/stream's lines, which
 * stream their bodies) with a 413 problem, before reading it. It runs ahead of
 * the HTTP layer's own check (quarkus.http.limits.max-body-size, set to the larger scan limit),
 * which still stops chunked bodies, with a bare 413, at the limit of the route.
 */
@ApplicationScoped
public class BodyLimit {

    /** Quarkus' name for it (HttpServerCommonHandlers.enforceMaxBodySize; VertxInputStream reads it). */
    private static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";

    @ConfigProperty(name = "headprobe.probe.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    @ConfigProperty(name = "headprobe.scan.max-body-bytes", defaultValue = "134217728")
    long maxScanBodyBytes;

    @ConfigProperty(name = "headprobe.probe.stream-max-body-bytes", defaultValue = "134217728")
    long maxStreamBodyBytes;

    void register(@Observes Router router) {
        router.route().order(RouteOrder.BODY_LIMIT).handler(this::refuseLargeBodies);
        router.route().order(RouteOrder.CHUNKED_BODY_LIMIT).handler(this::limitChunkedBodies);
    }

    private long limit(RoutingContext routing) {
        String path = routing.normalizedPath();
        if (path.equals("/scans")) {
            return maxScanBodyBytes;
        }
        if (path.equals("/probe/stream") && isText(routing.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            return maxStreamBodyBytes;
        }
        return maxBodyBytes;
    }

    /** POST /probe/stream reads a text body a line at a time as the probes go: a long list costs no memory. */
    private static boolean isText(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "text/plain", 0, "text/plain".length());
    }

    /**
     * The HTTP layer leaves its limit for a body without Content-Length in the routing context,
     * where Quarkus REST reads it while the body streams in; this puts the route's own limit there.
     */
    private void limitChunkedBodies(RoutingContext routing) {
        if (routing.get(MAX_REQUEST_SIZE) != null) {
            routing.put(MAX_REQUEST_SIZE, limit(routing));
        }
        routing.next();
    }

    private void refuseLargeBodies(RoutingContext routing) {
        String length = routing.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            routing.next();
            return;
        }
        try {
            long limit = limit(routing);
            if (Long.parseLong(length.strip()) <= limit) {
                routing.next();
                return;
            }
            answer(routing, Problem.of(413, "the body is larger than " + limit + " bytes"));
        } catch (NumberFormatException e) {
            answer(routing, Problem.of(400, "Content-Length is not a number"));
        }
    }

    private static void answer(RoutingContext routing, Problem problem) {
        routing.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                // The unread body is still on its way: this connection cannot carry another request.
                .putHeader("Connection", "close")
                .end(Json.encode(problem));
    }
}
