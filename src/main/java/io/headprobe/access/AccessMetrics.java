package io.headprobe.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Requests turned away, by reason, on /q/metrics. */
@ApplicationScoped
public class AccessMetrics {

    @Inject
    MeterRegistry registry;

    void rejected(String reason) {
        Counter.builder("headprobe.requests.rejected")
                .description("Requests refused by an API key check or a per-client limit")
                .tag("reason", reason)
                .register(registry).increment();
    }
}
