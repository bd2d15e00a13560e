package io.headprobe.scan;

/** Where a scan is; spelt in lower case in JSON and in the database. */
public enum ScanState {
    queued,
    running,
    done,
    cancelled;

    /** Workers take chunks only from scans that are still to finish. */
    boolean open() {
        return this == queued || this == running;
    }
}
