package io.headprobe.probe;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The body of a final response being read, on its connection's event loop: the head that came,
 * the bytes so far, and the moment time runs out. It ends once, with the head and what was read:
 * at the body's end, at the cap, when the connection breaks or closes early, or at the deadline.
 */
final class BodyReading {

    private final Hop head;
    private final long started = System.nanoTime();
    private final BodyBuffer bytes;
    private final Consumer<Hop> done;
    private ScheduledFuture<?> timeUp;

    /** @param done given the head with its body, once */
    BodyReading(Hop head, int cap, Consumer<Hop> done) {
        this.head = head;
        this.bytes = new BodyBuffer(cap);
        this.done = done;
    }

    /** Runs {@code onTimeUp} on {@code loop} at {@code deadline} (a System.nanoTime()) unless the body ended first. */
    void endBy(long deadline, EventLoop loop, Runnable onTimeUp) {
        timeUp = loop.schedule(onTimeUp, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Some of the body ({@code content} is not released here), or with {@code last} its end. */
    void content(ByteBuf content, boolean last) {
        if (bytes.add(content) || last) {
            end();
        }
    }

    /** The body stops here, short of its end: what came is the answer. */
    void cut() {
        bytes.cut();
        end();
    }

    /** The exchange is over without it (cancelled): the timer goes, and what it holds with it. */
    void cancel() {
        if (timeUp != null) {
            timeUp.cancel(false);
        }
    }

    private void end() {
        if (timeUp != null) {
            timeUp.cancel(false);
        }
        done.accept(head.withBody(bytes.done(), ProbeResult.Timings.msSince(started)));
    }
}
