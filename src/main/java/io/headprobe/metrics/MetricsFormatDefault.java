package io.headprobe.metrics;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.headprobe.http.RouteOrder;
import io.vertx.ext.web.Router;

/**
 * Makes Prometheus text 0.0.4 the default answer of /q/metrics, as in Prometheus' own client
 * libraries; OpenMetrics only for a client that names it.
 *
 * <p>Quarkus answers OpenMetrics 1.0 unless the Accept header contains "text/plain" or "text/html"
 * (PrometheusHandler.chooseContentType), so {@code curl /q/metrics} (Accept: *&#47;*) got
 * OpenMetrics. There a double quote in HELP must be escaped ({@code The \"cpu time\" used by ...},
 * Micrometer's process.cpu.time), while text 0.0.4, which {@code promtool check metrics} reads, has
 * no such escape: "invalid escape sequence '\"'". Both outputs were right for their own format; the
 * client just got the one it could not read. Prometheus itself lists text/plain in its Accept header
 * and so always got 0.0.4; nothing changes for it.
 */
@ApplicationScoped
public class MetricsFormatDefault {

    @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q")
    String nonApplicationRoot;

    @ConfigProperty(name = "quarkus.micrometer.export.prometheus.path", defaultValue = "metrics")
    String metricsPath;

    void textUnlessOpenMetricsAsked(@Observes Router router) {
        router.route(path()).order(RouteOrder.METRICS_FORMAT).handler(routing -> {
            String accept = routing.request().getHeader("Accept");
            if (accept == null || !accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")) {
                routing.request().headers().set("Accept", "text/plain");
            }
            routing.next();
        });
    }

    /** Where Quarkus serves the metrics: an absolute path as it is, a relative one under the non-application root. */
    String path() {
        if (metricsPath.startsWith("/")) {
            return metricsPath;
        }
        String root = nonApplicationRoot.startsWith("/") ? nonApplicationRoot : "/" + nonApplicationRoot;
        return (root.endsWith("/") ? root : root + "/") + metricsPath;
    }
}
