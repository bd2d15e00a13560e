package io.headprobe.cli;

/** How {@code headprobe probe} writes its results. */
enum ResultFormat {
    /** One JSON object per line, the same as a line of POST /probe/stream. */
    JSONL,
    /** Aligned columns for a person at a terminal. */
    TABLE,
    /** RFC 4180 comma-separated values with a header row. */
    CSV
}
