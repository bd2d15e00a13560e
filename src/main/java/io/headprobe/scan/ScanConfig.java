package io.headprobe.scan;

import java.time.Duration;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and pacing of scan jobs (POST /scans and the workers that run them). */
@ConfigMapping(prefix = "headprobe.scan")
public interface ScanConfig {

    /** Most targets in one scan (more: 413). */
    @WithDefault("1000000")
    int maxTargets();

    /** Largest POST /scans body; read as a stream, never held whole. */
    @WithDefault("134217728")
    long maxBodyBytes();

    /**
     * POST /scans bodies being read at once on this instance; one more is a 503 with Retry-After.
     * Each holds a worker thread and a temporary file (with PostgreSQL) while its client sends.
     */
    @WithDefault("16")
    int maxUploads();

    /** Targets per chunk, the unit a worker claims; the targets of one host are never split. */
    @WithDefault("500")
    int chunkSize();

    /** How long a claimed chunk stays with its worker without renewal; a dead worker's chunk is claimed again after it. */
    @WithDefault("60S")
    Duration lease();

    /**
     * Claims a chunk gets: when the run of its last claim fails (or a claim finds the previous one
     * never ended), every target of the chunk gets a NOT_PROBED result and the scan goes on.
     */
    @WithDefault("5")
    int maxClaims();

    /** Chunks this instance works on at once (0: this instance runs no scans, it only takes and answers them). */
    @WithDefault("2")
    int workers();

    /** How long an idle worker waits before it looks for work again. */
    @WithDefault("1S")
    Duration pollInterval();

    /** How stale headprobe_scans_active may be with PostgreSQL: it is counted at most once per interval (memory: always exact). */
    @WithDefault("5S")
    Duration activeCountInterval();

    /** Scans per page of GET /scans when the request names no limit; also the most a request may ask for is max-page-size. */
    @WithDefault("50")
    int pageSize();

    @WithDefault("500")
    int maxPageSize();

    /**
     * Scans one client may have queued or running at once (more: 429); 0: no limit. A client is
     * counted as /probe counts it (API key, else address), and headprobe.limit.enabled=false lifts this too.
     */
    @WithDefault("4")
    int maxActivePerClient();

    /** Targets one client may submit in scans over the last 24 hours, a rolling window (more: 429); 0: no limit. */
    @WithDefault("2000000")
    long maxTargetsPerDayPerClient();

    /**
     * How long a finished (done or cancelled) scan and its results are kept after it ended; at
     * least a day, since a client's 24-hour allowance counts its scans. Checked every few minutes.
     */
    @WithDefault("30D")
    Duration retention();

    /** Scans the in-memory store keeps at most; to make room for a new one, the oldest finished ones are forgotten. */
    @WithDefault("1000")
    int memoryMaxScans();

    /**
     * Fetches all of this instance's scan workers may have in flight together, out of
     * headprobe.probe.max-in-flight, so that /probe always keeps the rest; unset: half of it.
     */
    OptionalInt maxInFlight();
}
