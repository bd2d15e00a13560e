package io.headprobe.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * The web page is static, in META-INF/resources/ui/, so Quarkus serves it at /ui/ only. /ui
 * redirects there: the page's relative links (app.js, app.css, ../probe/stream) need the slash.
 */
@ApplicationScoped
public class UiRoutes {

    void redirectToSlash(@Observes Router router) {
        router.route("/ui").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(context -> {
            // Only the exact path: /ui/ (which a route may also match) is the static page itself.
            if (context.request().path().endsWith("/ui")) {
                context.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, "ui/").end();
            } else {
                context.next();
            }
        });
    }
}
