package io.headprobe.scan;

import java.util.List;

/**
 * Targets a worker has claimed: all targets of one or more hosts of one scan. {@code claim} counts
 * the chunk's claims, this one included: it is the lease's fencing token, so that a worker whose
 * lease ran out (and was claimed again, even under the same name) can neither renew, release nor
 * complete the chunk.
 */
record Chunk(String scanId, int number, int claim, String options, List<Target> targets) {

    /** A target and its place in the submitted list. */
    record Target(int seq, String target) {
    }
}
