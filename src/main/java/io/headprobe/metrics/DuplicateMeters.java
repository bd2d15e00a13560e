package io.headprobe.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Meters Quarkus registers twice under one name, which Micrometer refuses with a start-up WARN
 * ("This Gauge has been already registered (MeterId{name='netty.eventexecutor.workers'...})").
 *
 * <p>Quarkus' VertxNettyEventExecutorMetricsProvider binds Micrometer's NettyEventExecutorMetrics
 * twice, for Vert.x's event-loop group and for its acceptor group, both without tags. The per-thread
 * gauge (netty.eventexecutor.tasks.pending) is told apart by its {@code name} tag (the thread), but
 * netty.eventexecutor.workers has none: the second registration is ignored, and the one left shows
 * whichever group came first, with nothing saying which. Denying that gauge removes the WARN and
 * a misleading number; the pending-task gauges of both groups stay. (A deny is the only filter
 * that works: Micrometer spots the duplicate by the id before filters can rename or tag it.)
 */
public class DuplicateMeters {

    static final String NETTY_WORKERS = "netty.eventexecutor.workers";

    @Produces
    @Singleton
    MeterFilter denyNettyWorkers() {
        return MeterFilter.deny(id -> NETTY_WORKERS.equals(id.getName()));
    }
}
