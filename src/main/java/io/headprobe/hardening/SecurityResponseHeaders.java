package io.headprobe.hardening;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.headprobe.access.Clients;
import io.headprobe.http.RouteOrder;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts HeadProbe's own security headers on every response (pages, API, problems, health), so that
 * HeadProbe passes its own audit. A header a route already set is left as it is.
 */
@ApplicationScoped
public class SecurityResponseHeaders {

    @Inject
    HardeningConfig config;

    @Inject
    Clients clients;

    void addToEveryResponse(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        Map<String, String> always = always();
        router.route().order(RouteOrder.SECURITY_HEADERS).handler(routing -> {
            routing.addHeadersEndHandler(ignored -> add(routing, always));
            routing.next();
        });
    }

    private void add(RoutingContext routing, Map<String, String> always) {
        MultiMap headers = routing.response().headers();
        always.forEach((name, value) -> {
            if (!headers.contains(name)) {
                headers.set(name, value);
            }
        });
        String path = routing.normalizedPath();
        if (config.cspExemptPaths().stream().noneMatch(path::startsWith)) {
            putIfAbsent(headers, "Content-Security-Policy", config.contentSecurityPolicy());
        }
        if (clients.cameOverHttps(routing)) {
            putIfAbsent(headers, "Strict-Transport-Security", config.strictTransportSecurity());
        }
    }

    private Map<String, String> always() {
        Map<String, String> headers = new LinkedHashMap<>();
        config.xFrameOptions().ifPresent(value -> headers.put("X-Frame-Options", value));
        config.xContentTypeOptions().ifPresent(value -> headers.put("X-Content-Type-Options", value));
        config.referrerPolicy().ifPresent(value -> headers.put("Referrer-Policy", value));
        config.crossOriginResourcePolicy().ifPresent(value -> headers.put("Cross-Origin-Resource-Policy", value));
        config.crossOriginOpenerPolicy().ifPresent(value -> headers.put("Cross-Origin-Opener-Policy", value));
        config.crossOriginEmbedderPolicy().ifPresent(value -> headers.put("Cross-Origin-Embedder-Policy", value));
        return Map.copyOf(headers);
    }

    private static void putIfAbsent(MultiMap headers, String name, Optional<String> value) {
        if (value.isPresent() && !headers.contains(name)) {
            headers.set(name, value.get());
        }
    }
}
