package io.headprobe.scan;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.headprobe.ServiceStart;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Scans on /q/metrics: targets this instance's workers probed, by outcome, and the scans queued
 * or running as the store sees them (with PostgreSQL: all instances', counted every few seconds).
 */
@ApplicationScoped
class ScanMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    ScanStore store;

    void watchActive(@Observes ServiceStart start) {
        Gauge.builder("headprobe.scans.active", store, ScanStore::activeScans)
                .description("Scans queued or running, as the store last counted them")
                .register(registry);
    }

    void probed(List<ScanStore.ResultToStore> results) {
        long ok = results.stream().filter(result -> result.result().ok()).count();
        counter("ok").increment(ok);
        counter("error").increment(results.size() - ok);
    }

    private Counter counter(String outcome) {
        return Counter.builder("headprobe.scan.targets")
                .description("Scan targets probed by this instance's workers, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
