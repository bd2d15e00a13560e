package io.headprobe.scan;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.headprobe.ServiceStart;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;

/**
 * Forgets scans older than headprobe.scan.retention, every few minutes; with PostgreSQL every
 * instance does, and a sweep that finds nothing costs one statement.
 */
@ApplicationScoped
class ScanRetention {

    private static final Logger LOG = Logger.getLogger(ScanRetention.class);

    /** Also how long the targets of a scan that ended stay in PostgreSQL. */
    static final Duration SWEEP = Duration.ofMinutes(10);

    @Inject
    ScanStore store;

    @Inject
    ScanConfig config;

    @Inject
    Vertx vertx;

    private long timer;

    void start(@Observes ServiceStart start) {
        check(config.retention());
        timer = vertx.setPeriodic(SWEEP.toMillis(), tick -> sweep());
    }

    static void check(Duration retention) {
        if (retention.compareTo(ScanQuota.WINDOW) < 0) {
            throw new IllegalStateException("headprobe.scan.retention must be at least " + ScanQuota.WINDOW.toHours()
                    + " hours (the per-client allowance counts the last day's scans), got " + retention);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    private void sweep() {
        store.expire(config.retention()).subscribe().with(
                gone -> LOG.debugf("forgot %d scans that ended more than %s ago", gone, config.retention()),
                failure -> LOG.warnf("could not forget old scans: %s", failure.toString()));
    }
}
