package io.headprobe.probe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/** What the probe does, on /q/metrics: outcomes by error code, fetch latency, fetches in flight. */
@ApplicationScoped
public class ProbeMetrics {

    private final MeterRegistry registry;

    // Meters looked up once per tag value, not built and registered again on every probe and hop.
    private final Map<String, Counter> okProbes = new ConcurrentHashMap<>();
    private final Map<String, Counter> failedProbes = new ConcurrentHashMap<>();
    private final Map<String, Timer> fetches = new ConcurrentHashMap<>();

    @Inject
    public ProbeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void watchInFlight(FetchPermits global, KeyedPermits perHost, KeyedPermits perAddress) {
        Gauge.builder("headprobe.fetches.in.flight", global, FetchPermits::inUse)
                .description("Fetches holding a connection slot right now, across all requests")
                .register(registry);
        Gauge.builder("headprobe.fetch.destinations.active", () -> perHost.activeKeys() + perAddress.activeKeys())
                .description("Hosts and addresses with a fetch running or queued for the per-host limit")
                .register(registry);
    }

    void probed(ProbeResult result) {
        String code = result.error() == null ? "none" : result.error().code().name();
        (result.ok() ? okProbes.computeIfAbsent(code, c -> probes("ok", c))
                : failedProbes.computeIfAbsent(code, c -> probes("error", c))).increment();
    }

    private Counter probes(String outcome, String code) {
        return Counter.builder("headprobe.probes")
                .description("Targets probed, by outcome and error code")
                .tag("outcome", outcome)
                .tag("code", code)
                .register(registry);
    }

    /** Times one hop's fetch, from connection request to response head, whether it succeeds or not. */
    <T> Uni<T> timed(Supplier<Uni<T>> fetch) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return fetch.get().onTermination().invoke((item, failure, cancelled) -> sample.stop(
                    fetches.computeIfAbsent(failure != null ? "error" : cancelled ? "cancelled" : "ok", this::fetchTimer)));
        });
    }

    private Timer fetchTimer(String outcome) {
        return Timer.builder("headprobe.fetch")
                .description("One hop's fetch: connect, TLS, request and response head")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
