package io.headprobe.access;

/** A token bucket: holds up to {@code capacity} tokens and gains {@code perMinute} a minute. */
final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long updated;

    TokenBucket(long capacity, long perMinute, long nowNanos) {
        this.capacity = capacity;
        this.perNano = perMinute / NANOS_PER_MINUTE;
        this.tokens = capacity;
        this.updated = nowNanos;
    }

    /** Takes {@code count} tokens and answers 0, or takes none and answers the nanoseconds until there are enough. */
    synchronized long take(int count, long nowNanos) {
        refill(nowNanos);
        if (tokens >= count) {
            tokens -= count;
            return 0;
        }
        return (long) Math.ceil((count - tokens) / perNano);
    }

    /** A full bucket is as good as none: it can be forgotten. */
    synchronized boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        if (nowNanos > updated) {
            tokens = Math.min(capacity, tokens + (nowNanos - updated) * perNano);
            updated = nowNanos;
        }
    }
}
