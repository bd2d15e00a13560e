package io.headprobe.probe;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * A non-blocking semaphore: at most {@code max} fetches run at once across all requests; the
 * others wait in a queue of at most {@code maxQueued} without holding a thread, and one more is
 * refused with {@link QueueFullException}. A waiter that ends (its probe timed out, its caller
 * went away) leaves the queue at once. Public for the scan workers' share of the in-flight cap.
 */
public final class FetchPermits {

    /** More fetches wait for a permit than the queue holds. */
    public static final class QueueFullException extends RuntimeException {
        QueueFullException(int maxQueued) {
            super("all " + maxQueued + " places in the queue for a free connection slot are taken", null, false, false);
        }
    }

    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int ENDED = 2;

    private final int max;
    private final int maxQueued;
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final Queue<Waiter<?>> waiting = new ConcurrentLinkedQueue<>();
    /** Calls of {@link #drain()} not yet served: one thread drains, the others leave it their turn. */
    private final AtomicInteger drains = new AtomicInteger();

    /** With no bound on the queue (each waiter is held by a bounded caller). */
    public FetchPermits(int max) {
        this(max, Integer.MAX_VALUE);
    }

    public FetchPermits(int max, int maxQueued) {
        this.max = max;
        this.maxQueued = maxQueued;
    }

    public <T> Uni<T> withPermit(Supplier<Uni<T>> work) {
        return Uni.createFrom().<T> emitter(emitter -> {
            Waiter<T> waiter = new Waiter<>(work, emitter);
            emitter.onTermination(waiter::ended);
            if (tryAcquire()) {
                waiter.start();
                return;
            }
            if (queued.incrementAndGet() > maxQueued) {
                queued.decrementAndGet();
                waiter.state.set(ENDED);
                emitter.fail(new QueueFullException(maxQueued));
                return;
            }
            waiting.add(waiter);
            // A permit may have come free between the failed try and the enqueue.
            drain();
        });
    }

    /** One fetch waiting for, or holding, a permit. */
    private final class Waiter<T> {
        private final Supplier<Uni<T>> work;
        private final UniEmitter<? super T> emitter;
        final AtomicInteger state = new AtomicInteger(WAITING);
        private volatile Cancellable running;

        Waiter(Supplier<Uni<T>> work, UniEmitter<? super T> emitter) {
            this.work = work;
            this.emitter = emitter;
        }

        /** Its caller is done with it: a waiter leaves the queue, a running fetch is cancelled. */
        void ended() {
            if (state.compareAndSet(WAITING, ENDED)) {
                if (waiting.remove(this)) {
                    queued.decrementAndGet();
                }
                return;
            }
            state.set(ENDED);
            Cancellable fetch = running;
            if (fetch != null) {
                fetch.cancel();
            }
        }

        /** Runs the fetch on a permit already taken, unless the waiter ended meanwhile. */
        boolean start() {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return false;
            }
            try {
                running = work.get()
                        .onTermination().invoke(FetchPermits.this::release)
                        .subscribe().with(emitter::complete, emitter::fail);
            } catch (RuntimeException e) {
                release();
                emitter.fail(e);
                return true;
            }
            if (state.get() == ENDED) {
                running.cancel();
            }
            return true;
        }
    }

    /** Permits held right now. */
    public int inUse() {
        return inUse.get();
    }

    /** Fetches waiting for a permit right now. */
    public int queued() {
        return queued.get();
    }

    private boolean tryAcquire() {
        while (true) {
            int current = inUse.get();
            if (current >= max) {
                return false;
            }
            if (inUse.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    private void release() {
        inUse.decrementAndGet();
        drain();
    }

    /**
     * Hands free permits to waiters, in a loop: a fetch that ends at once frees its permit inside
     * start(), and that call only counts one more turn for the loop here instead of recursing.
     */
    private void drain() {
        if (drains.getAndIncrement() != 0) {
            return;
        }
        int turns = 1;
        do {
            while (!waiting.isEmpty() && tryAcquire()) {
                Waiter<?> next = waiting.poll();
                if (next == null) {
                    inUse.decrementAndGet();
                    break;
                }
                queued.decrementAndGet();
                if (!next.start()) {
                    inUse.decrementAndGet(); // it ended while queued: the permit goes to the next one
                }
            }
            turns = drains.addAndGet(-turns);
        } while (turns != 0);
    }
}
