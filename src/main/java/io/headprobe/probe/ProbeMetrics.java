package io.headprobe.probe;

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

    @Inject
    MeterRegistry registry;

    void watchInFlight(FetchPermits global, KeyedPermits perHost, KeyedPermits perAddress) {
        Gauge.builder("headprobe.fetches.in.flight", global, FetchPermits::inUse)
                .description("Fetches holding a connection slot right now, across all requests")
                .register(registry);
        Gauge.builder("headprobe.fetch.destinations.active", () -> perHost.activeKeys() + perAddress.activeKeys())
                .description("Hosts and addresses with a fetch running or queued for the per-host limit")
                .register(registry);
    }

    void probed(ProbeResult result) {
        Counter.builder("headprobe.probes")
                .description("Targets probed, by outcome and error code")
                .tag("outcome", result.ok() ? "ok" : "error")
                .tag("code", result.error() == null ? "none" : result.error().code().name())
                .register(registry).increment();
    }

    /** Times one hop's fetch, from connection request to response head, whether it succeeds or not. */
    <T> Uni<T> timed(Supplier<Uni<T>> fetch) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return fetch.get().onTermination().invoke((item, failure, cancelled) -> sample.stop(
                    Timer.builder("headprobe.fetch")
                            .description("One hop's fetch: connect, TLS, request and response head")
                            .tag("outcome", failure != null ? "error" : cancelled ? "cancelled" : "ok")
                            .publishPercentileHistogram()
                            .register(registry)));
        });
    }
}
