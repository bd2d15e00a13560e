package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** The non-blocking permits behind the global and per-host fetch limits, driven by hand. */
class KeyedPermitsTest {

    /** Fetches that only finish when the test says so. */
    private final List<CompletableFuture<String>> started = new ArrayList<>();

    private Uni<String> fetch() {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<String> answer = new CompletableFuture<>();
            started.add(answer);
            return Uni.createFrom().completionStage(answer);
        });
    }

    @Test
    void aThirdFetchToTheSameKeyWaitsForAPermitAndAnotherKeyDoesNot() {
        KeyedPermits permits = new KeyedPermits(2);
        var first = permits.withPermit("a", this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());
        permits.withPermit("a", this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());
        var third = permits.withPermit("a", this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());
        permits.withPermit("b", this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());

        assertEquals(3, started.size(), "two for a, one for b; the third for a waits");

        started.get(0).complete("one");
        first.assertItem("one");
        assertEquals(4, started.size(), "the waiting fetch got the freed permit");
        started.get(3).complete("three");
        third.assertItem("three");
    }

    @Test
    void keysAreForgottenWhenTheirLastFetchEndsHoweverItEnds() {
        KeyedPermits permits = new KeyedPermits(1);
        permits.withPermit("ok", this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());
        permits.withPermit("fails", this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());
        var cancelled = permits.withPermit("cancelled", this::fetch).subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        var waiting = permits.withPermit("ok", this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertEquals(3, permits.activeKeys());

        waiting.cancel();
        started.get(0).complete("done");
        started.get(1).completeExceptionally(new IllegalStateException("refused"));
        cancelled.cancel();

        assertEquals(3, started.size(), "the cancelled waiter never started");
        assertEquals(0, permits.activeKeys());
    }

    @Test
    void aCancelledFetchFreesItsPermitForTheNext() {
        FetchPermits permits = new FetchPermits(1);
        var running = permits.withPermit(this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());
        var next = permits.withPermit(this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertEquals(1, started.size());

        running.cancel();

        assertEquals(2, started.size());
        assertEquals(1, permits.inUse());
        started.get(1).complete("next");
        next.assertItem("next");
        assertEquals(0, permits.inUse());
    }

    @Test
    void zeroMeansNoLimit() {
        KeyedPermits permits = new KeyedPermits(0);
        for (int i = 0; i < 10; i++) {
            permits.withPermit("a", this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());
        }
        assertEquals(10, started.size());
        assertTrue(permits.activeKeys() == 0);
    }

    private UniAssertSubscriber<String> subscribe(FetchPermits permits) {
        return permits.withPermit(this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private static List<UniAssertSubscriber<String>> waiters(FetchPermits permits, int count,
            Supplier<Uni<String>> work) {
        List<UniAssertSubscriber<String>> waiters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            waiters.add(permits.withPermit(work).subscribe().withSubscriber(UniAssertSubscriber.create()));
        }
        return waiters;
    }

    @Test
    void waitersThatEndLeaveTheQueueAtOnce() {
        FetchPermits permits = new FetchPermits(1);
        subscribe(permits);
        List<UniAssertSubscriber<String>> waiters = waiters(permits, 3, this::fetch);
        assertEquals(3, permits.queued());

        waiters.forEach(UniAssertSubscriber::cancel);

        assertEquals(0, permits.queued());
    }

    @Test
    void aHundredThousandEndedWaitersNeitherOverflowTheStackNorKeepAPermit() {
        FetchPermits permits = new FetchPermits(1);
        subscribe(permits);
        List<UniAssertSubscriber<String>> waiters = waiters(permits, 100_000, this::fetch);
        waiters.forEach(UniAssertSubscriber::cancel);

        started.get(0).complete("done");

        assertEquals(0, permits.inUse(), "the permit came back");
        var next = subscribe(permits);
        assertEquals(2, started.size(), "a new fetch starts at once");
        started.get(1).complete("next");
        next.assertItem("next");
    }

    @Test
    void aFetchThatEndsAtOnceHandsItsPermitOnWithoutRecursion() {
        FetchPermits permits = new FetchPermits(1);
        subscribe(permits);
        List<UniAssertSubscriber<String>> waiters = waiters(permits, 100_000, () -> Uni.createFrom().item("quick"));

        started.get(0).complete("done");

        waiters.forEach(waiter -> waiter.assertItem("quick"));
        assertEquals(0, permits.inUse());
    }

    @Test
    void aFullQueueRefusesTheNextFetchUntilAWaiterLeaves() {
        FetchPermits permits = new FetchPermits(1, 2);
        subscribe(permits);
        var first = subscribe(permits);
        subscribe(permits);

        subscribe(permits).assertFailedWith(FetchPermits.QueueFullException.class,
                "all 2 places in the queue for a free connection slot are taken");
        assertEquals(2, permits.queued());

        first.cancel();
        subscribe(permits).assertNotTerminated();
        assertEquals(2, permits.queued());
        assertEquals(1, started.size());
    }
}
