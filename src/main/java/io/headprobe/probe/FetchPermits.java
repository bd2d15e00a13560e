package io.headprobe.probe;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * A non-blocking semaphore: at most {@code max} fetches run at once across all requests; the
 * others wait in a queue without holding a thread. Public for the scan workers' share of the
 * in-flight cap.
 */
public final class FetchPermits {

    private final int max;
    private final AtomicInteger inUse = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    public FetchPermits(int max) {
        this.max = max;
    }

    public <T> Uni<T> withPermit(Supplier<Uni<T>> work) {
        return Uni.createFrom().<T> emitter(emitter -> {
            Waiter<T> waiter = new Waiter<>(work, emitter);
            emitter.onTermination(waiter::terminated);
            if (tryAcquire()) {
                waiter.run();
            } else {
                waiting.add(waiter);
                // A permit may have come free between the failed try and the enqueue.
                drain();
            }
        });
    }

    /** One fetch waiting for, or holding, a permit. */
    private final class Waiter<T> implements Runnable {
        private final Supplier<Uni<T>> work;
        private final UniEmitter<? super T> emitter;
        private final AtomicBoolean terminated = new AtomicBoolean();
        private volatile Cancellable running;

        Waiter(Supplier<Uni<T>> work, UniEmitter<? super T> emitter) {
            this.work = work;
            this.emitter = emitter;
        }

        void terminated() {
            terminated.set(true);
            Cancellable fetch = running;
            if (fetch != null) {
                fetch.cancel();
            }
        }

        @Override
        public void run() {
            if (terminated.get()) {
                release();
                return;
            }
            try {
                running = work.get()
                        .onTermination().invoke(FetchPermits.this::release)
                        .subscribe().with(emitter::complete, emitter::fail);
            } catch (RuntimeException e) {
                release();
                emitter.fail(e);
                return;
            }
            if (terminated.get()) {
                running.cancel();
            }
        }
    }

    /** Permits held right now. */
    public int inUse() {
        return inUse.get();
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

    private void drain() {
        while (!waiting.isEmpty() && tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                inUse.decrementAndGet();
                return;
            }
            next.run();
        }
    }
}
