package io.headprobe.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * The web pages are static, in META-INF/resources/ui/ (the probe page) and ui/scans/ (the scans
 * page), so Quarkus serves them at /ui/ and /ui/scans/ only. /ui and /ui/scans redirect there: the
 * pages' relative links (app.js, ../app.css, ../probe/stream, ../../scans) need the slash.
 */
@ApplicationScoped
public class UiRoutes {

    void redirectToSlash(@Observes Router router) {
        redirectToSlash(router, "/ui", "ui/");
        redirectToSlash(router, "/ui/scans", "scans/");
    }

    private static void redirectToSlash(Router router, String path, String location) {
        router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(context -> {
            // Only the exact path: the one with the slash (which a route may also match) is the static page itself.
            if (context.request().path().endsWith(path)) {
                context.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, location).end();
            } else {
                context.next();
            }
        });
    }
}
