package io.headprobe.scan;

import java.time.Duration;
import java.util.List;

import io.headprobe.probe.ProbeResult;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Where scans, their targets and their results live: in memory, or in PostgreSQL for many instances.
 * Readers name an {@code owner}, the client a scan must have been submitted by ({@link ScanSpec#client()}),
 * or null for any client's scan (the service has no API keys: one tenant).
 */
interface ScanStore {

    /** Prepares the store (schema migrations) before any worker claims. */
    Uni<Void> open();

    /** A new scan whose targets arrive in batches; called from a worker thread, so it may block. */
    Draft draft();

    interface Draft {

        void add(List<String> targets);

        /**
         * Makes the scan visible to readers and workers, with its targets cut into chunks, if the
         * submitting client's {@code quota} allows it (else a 429 ProblemException, and the caller aborts).
         */
        Scan commit(ScanSpec spec, ScanQuota quota);

        /** Forgets whatever was added; safe after a failed add or commit. */
        void abort();
    }

    /** Null for an unknown id, or for a scan of another client than {@code owner}. */
    Uni<Scan> find(String id, String owner);

    /** {@code owner}'s scans, newest first. */
    Uni<List<Scan>> list(String owner, int offset, int limit);

    /** Results stored after {@code position}, in the order they were stored, as far as they are now. */
    Multi<StoredResult> results(String id, long after);

    /**
     * Targets with a result in both scans whose {@link ResultSummary} differs, by target; a target
     * listed twice in a scan is compared by its first occurrence. Both scans must exist.
     */
    Multi<ResultChange> diff(String id, String base);

    /** Scans queued or running, as this store last counted them (it may count at most every few seconds). */
    long activeScans();

    /**
     * Forgets the scans that ended more than {@code retention} ago, with their results, and what
     * only running needs of every scan that ended (PostgreSQL's targets); how many scans went.
     */
    Uni<Long> expire(Duration retention);

    /** Stops the scan from starting new chunks; null for an unknown id or another client's scan. */
    Uni<Scan> cancel(String id, String owner);

    /**
     * A chunk of an open scan that no live worker holds, leased to {@code worker} for
     * {@code headprobe.scan.lease}; null when there is none. Chosen fairly: from the client whose
     * open scans were claimed from longest ago, then from that client's scan claimed from longest ago.
     */
    Uni<Chunk> claim(String worker);

    /**
     * Gives a chunk back (its worker failed on it, or stops), so that any worker may claim it at
     * once; nothing happens when this claim of it ({@link Chunk#claim()}) no longer holds it.
     */
    Uni<Void> release(String worker, Chunk chunk);

    /**
     * Keeps the lease of a chunk being worked on: false when this claim of it no longer holds it
     * (its lease ran out and it was claimed again, or it is done), and its worker must stop.
     */
    Uni<Boolean> renew(String worker, Chunk chunk);

    /**
     * Stores the chunk's results (one per target, in the order given) and marks it done, in one
     * step; nothing is stored when this claim of it no longer holds it.
     */
    Uni<Void> complete(String worker, Chunk chunk, List<ResultToStore> results);

    record ResultToStore(int seq, ProbeResult result, String json) {
    }
}
