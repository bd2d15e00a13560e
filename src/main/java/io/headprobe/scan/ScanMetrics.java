package io.headprobe.scan;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What this instance's scan workers did, on /q/metrics: targets they probed, by outcome. */
@ApplicationScoped
class ScanMetrics {

    @Inject
    MeterRegistry registry;

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
