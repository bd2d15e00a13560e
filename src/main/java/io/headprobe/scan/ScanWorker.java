package io.headprobe.scan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.ServiceStart;
import io.headprobe.probe.ErrorCode;
import io.headprobe.probe.FetchPermits;
import io.headprobe.probe.ProbeConfig;
import io.headprobe.probe.ProbeOptions;
import io.headprobe.probe.ProbeRequest;
import io.headprobe.probe.ProbeRequests;
import io.headprobe.probe.ProbeResult;
import io.headprobe.probe.Prober;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs scans: each of {@code headprobe.scan.workers} loops claims a chunk, probes its targets with
 * the same Prober (and so the same in-flight and per-host limits) as /probe, and stores the
 * results in one step. While it works, the chunk's lease is renewed; if this process dies, the
 * lease runs out and another worker claims the chunk again; if the loop fails on a chunk, it gives
 * the chunk back at once; if a renewal finds the lease lost, the loop drops the chunk at once.
 * When the application stops, the runs stop and their chunks are given back, so that other
 * instances take them over at once instead of after the lease. All loops together keep to their share of the in-flight cap
 * ({@code headprobe.scan.max-in-flight}), so that however many targets scans hold, /probe finds
 * the rest of {@code headprobe.probe.max-in-flight} free.
 */
@ApplicationScoped
public class ScanWorker {

    private static final Logger LOG = Logger.getLogger(ScanWorker.class);

    /** One name per process: a restarted instance must not mistake its predecessor's leases for its own. */
    private final String instance = UUID.randomUUID().toString();

    @Inject
    ScanStore store;

    @Inject
    ScanConfig config;

    @Inject
    Prober prober;

    @Inject
    ProbeRequests requests;

    @Inject
    ProbeConfig probeConfig;

    @Inject
    ObjectMapper json;

    @Inject
    ScanMetrics metrics;

    @ConfigProperty(name = "quarkus.shutdown.timeout")
    Optional<Duration> shutdownTimeout;

    private volatile boolean stopping;

    /** The run each loop is at, by loop name: what stops it, and when it has ended (its chunk given back). */
    private final Map<String, Running> runs = new ConcurrentHashMap<>();

    private record Running(CompletableFuture<Void> stop, CompletableFuture<Void> ended) {
    }

    private FetchPermits share;

    void start(@Observes ServiceStart start) {
        store.open().await().indefinitely();
        if (config.workers() == 0) {
            // An instance that only answers the API fetches nothing for scans.
            return;
        }
        share = new FetchPermits(share(config.maxInFlight(), probeConfig.maxInFlight()));
        for (int i = 0; i < config.workers(); i++) {
            // A name per loop: the store tells each loop's leases apart, not only each instance's.
            next(instance + "/" + i);
        }
    }

    /** Stops the runs and waits, up to quarkus.shutdown.timeout, until their chunks are given back. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        long deadline = System.nanoTime() + shutdownTimeout.orElse(Duration.ofSeconds(10)).toNanos();
        // Again while runs remain: a loop that registered after the copy (it then sees stopping and ends) is waited for too.
        while (!runs.isEmpty()) {
            List<Running> now = List.copyOf(runs.values());
            now.forEach(running -> running.stop().complete(null));
            try {
                CompletableFuture.allOf(now.stream().map(Running::ended).toArray(CompletableFuture[]::new))
                        .get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warn("scan chunks not given back before the shutdown timeout; their leases will run out");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Fetches for scans at once: as configured (at most all of the cap), else half of the cap. */
    static int share(OptionalInt configured, int cap) {
        int share = configured.orElse(Math.max(1, cap / 2));
        if (share < 1 || share > cap) {
            throw new IllegalStateException("headprobe.scan.max-in-flight must be from 1 to headprobe.probe.max-in-flight ("
                    + cap + "), got " + share);
        }
        return share;
    }

    /** Looked for on a fresh stack each time: a chunk of targets that fetch nothing completes at once. */
    private void next(String worker) {
        if (!stopping) {
            Infrastructure.getDefaultExecutor().execute(() -> claimAndRun(worker));
        }
    }

    private void claimAndRun(String worker) {
        // Registered before the claim is asked for: a stop that comes while the claim is on its way
        // waits for it, and the claimed chunk is given back at once, not left leased to a process
        // that has gone (either the stop sees this entry, or this sees the stop).
        Running running = new Running(new CompletableFuture<>(), new CompletableFuture<>());
        runs.put(worker, running);
        if (stopping) {
            end(worker, running);
            return;
        }
        store.claim(worker)
                .onItem().ifNotNull().transformToUni(chunk -> work(worker, chunk, running).replaceWith(true))
                .onItem().ifNull().continueWith(false)
                .onFailure().invoke(failure -> {
                    // While the application stops, the store may already be gone: nothing to report.
                    if (!stopping) {
                        LOG.warn("scan worker step failed; trying again", failure);
                    }
                })
                .onFailure().recoverWithItem(false)
                .onTermination().invoke(() -> end(worker, running))
                .subscribe().with(worked -> {
                    if (worked) {
                        next(worker);
                    } else {
                        Uni.createFrom().voidItem().onItem().delayIt().by(config.pollInterval())
                                .subscribe().with(idle -> next(worker));
                    }
                });
    }

    /**
     * The chunk's run, raced against its lease and the application's stop: the first renewal that
     * finds the lease lost cancels the run (its fetches end, its results are not stored). A failed
     * or stopped run gives the chunk back.
     */
    private Uni<Void> work(String worker, Chunk chunk, Running running) {
        Uni<Void> attempt = chunk.claim() > config.maxClaims()
                // The last claim's worker neither completed nor failed on it: it died or stalled.
                ? giveUp(worker, chunk, "its worker stopped or stalled on every one of " + config.maxClaims() + " claims")
                : Uni.join().first(run(worker, chunk), leaseLost(worker, chunk), stopped(running)).toTerminate();
        return attempt
                .onFailure(LeaseLost.class).invoke(lost -> LOG.infof("scan %s chunk %d: lease lost, dropped",
                        chunk.scanId(), chunk.number()))
                .onFailure(LeaseLost.class).recoverWithNull()
                .onFailure(failure -> !stopping && chunk.claim() >= config.maxClaims())
                .recoverWithUni(failure -> giveUp(worker, chunk, "its run failed on every one of " + config.maxClaims()
                        + " claims, the last with: " + (failure.getMessage() == null ? failure : failure.getMessage())))
                .onFailure().call(() -> store.release(worker, chunk));
    }

    private void end(String worker, Running running) {
        runs.remove(worker, running);
        running.ended().complete(null);
    }

    /** Fails when the application stops; else never ends. */
    private static Uni<Void> stopped(Running running) {
        return Uni.createFrom().completionStage(running.stop())
                .onItem().transformToUni(stop -> Uni.createFrom().<Void> failure(new IllegalStateException("stopping")));
    }

    /** Renews the lease every third of it; fails with LeaseLost when a renewal finds it gone, else never ends. */
    private Uni<Void> leaseLost(String worker, Chunk chunk) {
        // A renewal slower than the tick interval (a loaded database) skips ticks: without the drop, the
        // ticker failed on back-pressure, renewals stopped and another worker claimed the chunk while
        // this one still worked on it.
        return Multi.createFrom().ticks().every(config.lease().dividedBy(3))
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> store.renew(worker, chunk)
                        .onFailure().invoke(failure -> LOG.warn("could not renew a scan chunk's lease", failure))
                        // Not known to be lost: a renewal that works before the lease runs out keeps it.
                        .onFailure().recoverWithItem(true))
                .select().where(renewed -> !renewed)
                .toUni()
                .onItem().transformToUni(lost -> Uni.createFrom().<Void> failure(new LeaseLost()));
    }

    /** This claim of the chunk no longer holds it: it ran out and the chunk was claimed again, or the chunk is done. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    /** Stores a NOT_PROBED result for every target of a chunk that was claimed too often: its scan can end. */
    private Uni<Void> giveUp(String worker, Chunk chunk, String why) {
        LOG.warnf("scan %s chunk %d: given up, %s", chunk.scanId(), chunk.number(), why);
        ProbeResult.Error error = new ProbeResult.Error(ErrorCode.NOT_PROBED, "not probed: " + why);
        return store.complete(worker, chunk, chunk.targets().stream().map(target -> {
            ProbeResult result = ProbeResult.notFetched(target.target(), error);
            return new ScanStore.ResultToStore(target.seq(), result, write(result));
        }).toList());
    }

    /** Options are read inside the pipeline: stored options that no longer pass fail the run, and so give the chunk back. */
    private Uni<Void> run(String worker, Chunk chunk) {
        return Uni.createFrom().item(() -> options(chunk.options()))
                .onItem().transformToUni(options -> probe(chunk, options))
                // Counted as probed before they are stored: whoever sees the scan done sees them counted.
                .onItem().invoke(metrics::probed)
                .onItem().transformToUni(results -> store.complete(worker, chunk, results));
    }

    private Uni<List<ScanStore.ResultToStore>> probe(Chunk chunk, ProbeOptions options) {
        return Multi.createFrom().iterable(chunk.targets())
                .onItem().transformToUni(target -> share.withPermit(() -> prober.probe(target.target(), options))
                        .onItem().transform(result -> new ScanStore.ResultToStore(target.seq(), result, write(result))))
                .merge(options.concurrency())
                .collect().asList()
                .map(List::copyOf);
    }

    private ProbeOptions options(String stored) {
        try {
            JsonNode options = json.readTree(stored);
            if (!options.has("version")) {
                // A scan taken before options were stored resolved: its request, checked by today's rules.
                return requests.options(json.treeToValue(options, ProbeRequest.class));
            }
            int version = options.get("version").asInt();
            if (!StoredOptions.reads(version)) {
                throw new IllegalStateException("the scan's options are of format version " + version
                        + "; this instance reads versions 1 to " + StoredOptions.VERSION);
            }
            return json.treeToValue(options, StoredOptions.class).clampedTo(probeConfig);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored scan's options cannot be read", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
