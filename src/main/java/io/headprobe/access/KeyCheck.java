package io.headprobe.access;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import io.headprobe.problem.Problem;
import io.vertx.ext.web.RoutingContext;

/** Asks for {@code Authorization: Bearer KEY} on {@link KeyRequired} routes when keys are configured. */
@Provider
@KeyRequired
@Priority(Priorities.AUTHENTICATION)
public class KeyCheck implements ContainerRequestFilter {

    @Inject
    ApiKeys keys;

    @Inject
    RoutingContext routing;

    @Inject
    AccessMetrics metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!keys.required()) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            metrics.rejected("unauthenticated");
            request.abortWith(Problem.of(401, "this route needs an API key: send 'Authorization: Bearer KEY'")
                    .toResponseBuilder().header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        Optional<String> client = keys.identify(authorization.substring(7).strip());
        if (client.isEmpty()) {
            metrics.rejected("forbidden");
            request.abortWith(Problem.of(403, "this API key is not valid here").toResponse());
            return;
        }
        Clients.authenticated(routing, client.get());
    }
}
