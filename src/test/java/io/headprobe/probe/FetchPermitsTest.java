package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** The global fetch permits' queue, driven by hand: waiters that end leave it, and it is bounded. */
class FetchPermitsTest {

    /** Fetches that only finish when the test says so. */
    private final List<CompletableFuture<String>> started = new ArrayList<>();

    private Uni<String> fetch() {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<String> answer = new CompletableFuture<>();
            started.add(answer);
            return Uni.createFrom().completionStage(answer);
        });
    }

    private UniAssertSubscriber<String> subscribe(FetchPermits permits) {
        return permits.withPermit(this::fetch).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    @Test
    void waitersThatEndLeaveTheQueueAtOnce() {
        FetchPermits permits = new FetchPermits(1);
        subscribe(permits);
        List<UniAssertSubscriber<String>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(subscribe(permits));
        }
        assertEquals(3, permits.queued());

        waiters.forEach(UniAssertSubscriber::cancel);

        assertEquals(0, permits.queued());
    }

    @Test
    void aHundredThousandEndedWaitersNeitherOverflowTheStackNorKeepAPermit() {
        FetchPermits permits = new FetchPermits(1);
        subscribe(permits);
        List<UniAssertSubscriber<String>> waiters = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            waiters.add(subscribe(permits));
        }
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
        List<UniAssertSubscriber<String>> waiters = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            waiters.add(permits.withPermit(() -> Uni.createFrom().item("quick")).subscribe()
                    .withSubscriber(UniAssertSubscriber.create()));
        }

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
