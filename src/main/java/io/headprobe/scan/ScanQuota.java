package io.headprobe.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.headprobe.problem.ProblemException;

/**
 * What one client may submit: at most {@code maxActive} scans queued or running, and at most
 * {@code targetsPerDay} targets over the last 24 hours (0: no limit). The window rolls rather than
 * resetting at midnight: no burst at the turn of the day, and no question of whose midnight.
 * A store asks {@link #admit} while it holds its lock on the client, so that two submissions at
 * once cannot both take the last place.
 */
record ScanQuota(int maxActive, long targetsPerDay) {

    static final Duration WINDOW = Duration.ofDays(1);

    static final ScanQuota NONE = new ScanQuota(0, 0);

    /** A scan the client submitted within the window: when, and how many targets. */
    record Submitted(Instant at, long targets) {
    }

    /**
     * Throws a 429 problem unless a scan of {@code targets} fits beside the client's {@code active}
     * scans and the scans it submitted in the window ({@code lastDay}, oldest first).
     */
    void admit(long active, List<Submitted> lastDay, long targets, Instant now) {
        if (maxActive > 0 && active >= maxActive) {
            throw new ProblemException(429, "this client already has " + active + " scans queued or running, and may have "
                    + maxActive + "; wait for one to finish or cancel one");
        }
        if (targetsPerDay <= 0) {
            return;
        }
        if (targets > targetsPerDay) {
            throw new ProblemException(429, "a scan of " + targets + " targets is more than the " + targetsPerDay
                    + " targets a client may submit in 24 hours");
        }
        long submitted = lastDay.stream().mapToLong(Submitted::targets).sum();
        long stillIn = submitted;
        for (Submitted oldest : lastDay) {
            if (stillIn + targets <= targetsPerDay) {
                break;
            }
            // Once the oldest scans have left the window, this one fits: that is when to come back.
            stillIn -= oldest.targets();
            if (stillIn + targets <= targetsPerDay) {
                long seconds = Math.max(1, Duration.between(now, oldest.at().plus(WINDOW)).toSeconds() + 1);
                throw new ProblemException(429, "this client may submit " + targetsPerDay + " targets in 24 hours and has "
                        + "submitted " + submitted + "; " + targets + " more fit in " + seconds + " s",
                        Map.of("Retry-After", Long.toString(seconds)));
            }
        }
    }
}
