package io.headprobe.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a body declared larger than headprobe.probe.max-body-bytes with a 413 problem, before
 * reading it. It runs ahead of the HTTP layer's own check of the same limit
 * (quarkus.http.limits.max-body-size), which still stops chunked bodies, with a bare 413.
 */
@ApplicationScoped
public class BodyLimit {

    @ConfigProperty(name = "headprobe.probe.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::refuseLargeBodies);
    }

    private void refuseLargeBodies(RoutingContext routing) {
        String length = routing.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            routing.next();
            return;
        }
        try {
            if (Long.parseLong(length.strip()) <= maxBodyBytes) {
                routing.next();
                return;
            }
            answer(routing, Problem.of(413, "the body is larger than " + maxBodyBytes + " bytes"));
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
