package io.headprobe.access;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.problem.ProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Per-client limits: a token bucket of targets per minute, and a cap on probe requests running
 * at once. A request over either limit gets a 429 problem with Retry-After, before any fetch.
 */
@ApplicationScoped
public class ClientLimits {

    @Inject
    LimitConfig config;

    @Inject
    RoutingContext routing;

    @Inject
    AccessMetrics metrics;

    @Inject
    Clients clients;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    private volatile LongSupplier clock = System::nanoTime;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Integer> running = new ConcurrentHashMap<>();
    private final AtomicInteger runningTotal = new AtomicInteger();
    private long sweeper;

    @PostConstruct
    void start() {
        Gauge.builder("headprobe.requests.in.flight", runningTotal, AtomicInteger::get)
                .description("Probe, audit and wget requests running right now").register(registry);
        // Full buckets carry no information; dropping them keeps the map as small as the set of recent clients.
        sweeper = vertx.setPeriodic(TimeUnit.MINUTES.toMillis(1), id -> forgetIdleClients());
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweeper);
    }

    /** Runs {@code work} for the current client if its limits allow {@code targets} more fetches. */
    public <T> Uni<T> limit(int targets, Supplier<Uni<T>> work) {
        Runnable release = admit(targets);
        return releasingIfItThrows(release, () -> work.get().onTermination().invoke(release));
    }

    public <T> Multi<T> limitStream(int targets, Supplier<Multi<T>> work) {
        Runnable release = admit(targets);
        return releasingIfItThrows(release, () -> work.get().onTermination().invoke(release));
    }

    /**
     * For a stream of unknown length (POST /probe/stream's lines): the cap on running requests at
     * once applies now; the rate as the stream goes. {@code work} gets the pace: before each target,
     * the Uni it makes takes the target's {@code fetchesPerTarget} from the client's bucket, and
     * when the bucket is short, completes once it has refilled. A long list goes at the client's
     * rate instead of being refused: its answer has started long before. Nothing waits on a thread.
     */
    public <T> Multi<T> limitPaced(int fetchesPerTarget, Function<Supplier<Uni<Void>>, Multi<T>> work) {
        // Counted as they are read: the access log, written when the answer ends, sees them all.
        AtomicInteger targets = new AtomicInteger();
        AccessLog.countTargets(routing, targets);
        Runnable release;
        Supplier<Uni<Void>> tokens;
        if (config.enabled()) {
            refuseOverBurst(fetchesPerTarget);
            String client = client();
            release = admitRunning(client);
            tokens = () -> tokens(client, fetchesPerTarget);
        } else {
            release = countRunning();
            tokens = () -> Uni.createFrom().voidItem();
        }
        Supplier<Uni<Void>> pace = () -> {
            targets.incrementAndGet();
            return tokens.get();
        };
        return releasingIfItThrows(release, () -> work.apply(pace).onTermination().invoke(release));
    }

    /** Completes once {@code count} tokens were taken from the client's bucket, after it refilled if need be. */
    private Uni<Void> tokens(String client, int count) {
        return Uni.createFrom().deferred(() -> {
            long wait = take(client, count);
            return wait == 0 ? Uni.createFrom().voidItem()
                    : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(wait))
                            .onItem().transformToUni(refilled -> tokens(client, count));
        });
    }

    /** The work's own termination releases the slot; if building the work fails, nothing else would. */
    private static <R> R releasingIfItThrows(Runnable release, Supplier<R> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    /** The current request's client as every per-client limit counts it, for limits kept elsewhere (scans). */
    public String client() {
        return Clients.limitKey(clients.identify(routing));
    }

    /** Whether per-client limits apply at all (headprobe.limit.enabled). */
    public boolean enabled() {
        return config.enabled();
    }

    private Runnable admit(int targets) {
        AccessLog.countTargets(routing, targets);
        if (!config.enabled()) {
            return countRunning();
        }
        refuseOverBurst(targets);
        String client = client();
        Runnable release = admitRunning(client);
        long wait = take(client, targets);
        if (wait > 0) {
            release.run();
            metrics.rejected("rate");
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + TimeUnit.SECONDS.toNanos(1) - 1));
            throw tooMany(seconds, "this client may fetch " + config.targetsPerMinute() + " targets a minute; "
                    + targets + " more are possible in " + seconds + " s");
        }
        return release;
    }

    private Runnable countRunning() {
        runningTotal.incrementAndGet();
        return runningTotal::decrementAndGet;
    }

    private void refuseOverBurst(int targets) {
        if (targets > config.burst()) {
            metrics.rejected("too-many-targets");
            throw new ProblemException(400, "this request needs " + targets + " fetches; a client may spend at most "
                    + config.burst() + " at once");
        }
    }

    /** One more running request for the client, or a 429 when it has its most already. */
    private Runnable admitRunning(String client) {
        runningTotal.incrementAndGet();
        int now = running.merge(client, 1, Integer::sum);
        if (now > config.concurrentRequests()) {
            done(client);
            metrics.rejected("concurrent-requests");
            throw tooMany(1, "this client already has " + config.concurrentRequests()
                    + " probe requests running; wait for one to finish");
        }
        return () -> done(client);
    }

    /** Takes {@code count} tokens from the client's bucket and answers 0, or takes none and answers how long until it has them. */
    private long take(String client, int count) {
        long[] waitNanos = new long[1];
        // Inside compute, so the sweeper cannot drop the bucket between lookup and take.
        buckets.compute(client, (c, bucket) -> {
            TokenBucket current = bucket != null ? bucket
                    : new TokenBucket(config.burst(), config.targetsPerMinute(), clock.getAsLong());
            waitNanos[0] = current.take(count, clock.getAsLong());
            return current;
        });
        return waitNanos[0];
    }

    private void done(String client) {
        runningTotal.decrementAndGet();
        running.computeIfPresent(client, (c, count) -> count == 1 ? null : count - 1);
    }

    /** Tests move time by hand. */
    void useClock(LongSupplier clock) {
        this.clock = clock;
    }

    void forgetIdleClients() {
        long now = clock.getAsLong();
        buckets.keySet().forEach(client -> buckets.computeIfPresent(client, (c, bucket) -> bucket.full(now) ? null : bucket));
    }

    private static ProblemException tooMany(long retryAfterSeconds, String detail) {
        return new ProblemException(429, detail, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
}
