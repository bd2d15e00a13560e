package io.headprobe.hardening;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

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
        // Read once, and names and values made once as Netty's AsciiString: Vert.x then copies their
        // bytes into every response and hashes names once, where a String is validated, hashed and
        // encoded char by char per response (which the native image, with no JIT, pays in full).
        Map<CharSequence, CharSequence> always = always();
        CharSequence csp = optimized(config.contentSecurityPolicy());
        CharSequence hsts = optimized(config.strictTransportSecurity());
        List<String> cspExempt = List.copyOf(config.cspExemptPaths());
        router.route().order(RouteOrder.SECURITY_HEADERS).handler(routing -> {
            routing.addHeadersEndHandler(ignored -> add(routing, always, csp, cspExempt, hsts));
            routing.next();
        });
    }

    private void add(RoutingContext routing, Map<CharSequence, CharSequence> always, CharSequence csp,
            List<String> cspExempt, CharSequence hsts) {
        MultiMap headers = routing.response().headers();
        always.forEach((name, value) -> putIfAbsent(headers, name, value));
        if (csp != null && !exempt(routing.normalizedPath(), cspExempt)) {
            putIfAbsent(headers, CONTENT_SECURITY_POLICY, csp);
        }
        if (hsts != null && clients.cameOverHttps(routing)) {
            putIfAbsent(headers, STRICT_TRANSPORT_SECURITY, hsts);
        }
    }

    private static boolean exempt(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Map<CharSequence, CharSequence> always() {
        Map<CharSequence, CharSequence> headers = new LinkedHashMap<>();
        BiConsumer<String, Optional<String>> put = (name, value) -> value
                .ifPresent(present -> headers.put(HttpHeaders.createOptimized(name), HttpHeaders.createOptimized(present)));
        put.accept("X-Frame-Options", config.xFrameOptions());
        put.accept("X-Content-Type-Options", config.xContentTypeOptions());
        put.accept("Referrer-Policy", config.referrerPolicy());
        put.accept("Cross-Origin-Resource-Policy", config.crossOriginResourcePolicy());
        put.accept("Cross-Origin-Opener-Policy", config.crossOriginOpenerPolicy());
        put.accept("Cross-Origin-Embedder-Policy", config.crossOriginEmbedderPolicy());
        return Collections.unmodifiableMap(headers);
    }

    private static CharSequence optimized(Optional<String> value) {
        return value.map(HttpHeaders::createOptimized).orElse(null);
    }

    private static void putIfAbsent(MultiMap headers, CharSequence name, CharSequence value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
