package io.headprobe.probe;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * GET /probe with a {@code module} parameter is a Prometheus scrape (blackbox_exporter's
 * /probe), answered in a metrics format instead of JSON. The package built on top of the probe
 * that knows the format provides this, so that the probe depends on nothing above it.
 */
public interface ModuleScrape {

    /** One scrape as Prometheus sends it: one target, a module name, the scrape's own timeout. */
    record Scrape(String target, String module, boolean debug, String scrapeTimeoutSeconds, String accept) {
    }

    Uni<Response> scrape(Scrape scrape);
}
