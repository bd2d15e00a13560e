package io.headprobe.probe;

import io.netty.buffer.ByteBuf;

/**
 * The bytes of a response body as they come off the wire, at most a cap: collected on the event
 * loop, decoded and looked at elsewhere. The array grows as bytes come, so a short page costs
 * what it is, and a long one never more than the cap.
 */
final class BodyBuffer {

    /** The first array's size, unless the cap is smaller. */
    private static final int FIRST = 8192;

    private final int cap;
    private byte[] bytes = new byte[0];
    private int length;
    private boolean truncated;

    BodyBuffer(int cap) {
        this.cap = cap;
    }

    /**
     * Takes what fits of {@code content} (without releasing it).
     *
     * @return true when the body goes beyond the cap: nothing more is wanted
     */
    boolean add(ByteBuf content) {
        int readable = content.readableBytes();
        int take = Math.min(readable, cap - length);
        if (length + take > bytes.length) {
            byte[] larger = new byte[(int) Math.min(cap, Math.max(Math.max(FIRST, 2L * bytes.length), length + take))];
            System.arraycopy(bytes, 0, larger, 0, length);
            bytes = larger;
        }
        content.getBytes(content.readerIndex(), bytes, length, take);
        length += take;
        if (take < readable) {
            truncated = true;
        }
        return truncated;
    }

    /** The body ended before its end: the connection closed, broke, or time ran out. */
    void cut() {
        truncated = true;
    }

    RawBody done() {
        return new RawBody(bytes, length, truncated);
    }

    /** A body as read: {@code length} bytes of {@code bytes}, {@code truncated} when there was more. */
    record RawBody(byte[] bytes, int length, boolean truncated) {

        static RawBody empty() {
            return new RawBody(new byte[0], 0, false);
        }
    }
}
