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
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts HeadProbe's own security headers on every response (pages, API, problems, health), so that
 * HeadProbe passes its own audit. A header a route already set is left as it is.
 */
@ApplicationScoped
public class SecurityResponseHeaders {

    private static final CharSequence CONTENT_SECURITY_POLICY = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence STRICT_TRANSPORT_SECURITY = HttpHeaders.createOptimized("Strict-Transport-Security");

    @Inject
    HardeningConfig config;

    @Inject
    Clients clients;

    void addToEveryResponse(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        Map<CharSequence, CharSequence> always = always();
        CharSequence csp = config.contentSecurityPolicy().map(HttpHeaders::createOptimized).orElse(null);
        CharSequence hsts = config.strictTransportSecurity().map(HttpHeaders::createOptimized).orElse(null);
        router.route().order(RouteOrder.SECURITY_HEADERS).handler(routing -> {
            routing.addHeadersEndHandler(ignored -> add(routing, always, csp, hsts));
            routing.next();
        });
    }

    private void add(RoutingContext routing, Map<CharSequence, CharSequence> always, CharSequence csp, CharSequence hsts) {
        MultiMap headers = routing.response().headers();
        always.forEach((name, value) -> putIfAbsent(headers, name, value));
        String path = routing.normalizedPath();
        if (config.cspExemptPaths().stream().noneMatch(path::startsWith)) {
            putIfAbsent(headers, CONTENT_SECURITY_POLICY, csp);
        }
        if (clients.cameOverHttps(routing)) {
            putIfAbsent(headers, STRICT_TRANSPORT_SECURITY, hsts);
        }
    }

    /**
     * Names and values as Netty's AsciiString, made once: Vert.x then copies their bytes into every
     * response and hashes names once, where a String is validated, hashed and encoded char by char
     * per response (a cost the native image, with no JIT to vectorise those loops, pays in full).
     */
    private Map<CharSequence, CharSequence> always() {
        Map<CharSequence, CharSequence> headers = new LinkedHashMap<>();
        put(headers, "X-Frame-Options", config.xFrameOptions());
        put(headers, "X-Content-Type-Options", config.xContentTypeOptions());
        put(headers, "Referrer-Policy", config.referrerPolicy());
        put(headers, "Cross-Origin-Resource-Policy", config.crossOriginResourcePolicy());
        put(headers, "Cross-Origin-Opener-Policy", config.crossOriginOpenerPolicy());
        put(headers, "Cross-Origin-Embedder-Policy", config.crossOriginEmbedderPolicy());
        return headers;
    }

    private static void put(Map<CharSequence, CharSequence> headers, String name, Optional<String> value) {
        value.ifPresent(v -> headers.put(HttpHeaders.createOptimized(name), HttpHeaders.createOptimized(v)));
    }

    private static void putIfAbsent(MultiMap headers, CharSequence name, CharSequence value) {
        if (value != null && !headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
