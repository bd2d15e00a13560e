package io.headprobe.scan;

import java.util.List;

/** Targets a worker has claimed: all targets of one or more hosts of one scan. */
record Chunk(String scanId, int number, String options, List<Target> targets) {

    /** A target and its place in the submitted list. */
    record Target(int seq, String target) {
    }
}
