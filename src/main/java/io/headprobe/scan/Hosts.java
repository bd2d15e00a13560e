package io.headprobe.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.headprobe.guard.TargetUrl;

/**
 * Politeness across instances: a chunk holds all targets of each of its hosts, so one host is
 * fetched by one worker at a time (and, within it, by Prober's per-host limit).
 */
final class Hosts {

    private Hosts() {
    }

    /** The host a target names; targets that are no URL share the key "" (they fetch nothing). */
    static String of(String target) {
        try {
            return TargetUrl.parse(target).host().toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * Hosts in name order, packed into chunks of about {@code size} targets: a host goes to the
     * chunk where its first target falls (start offset / size), so a host is never split and a
     * chunk exceeds {@code size} by at most its last host. PgStore does the same in SQL.
     */
    static Map<Integer, List<Integer>> chunks(Map<String, List<Integer>> seqsByHost, int size) {
        Map<Integer, List<Integer>> chunks = new TreeMap<>();
        long start = 0;
        for (List<Integer> seqs : new TreeMap<>(seqsByHost).values()) {
            chunks.computeIfAbsent((int) (start / size), n -> new ArrayList<>()).addAll(seqs);
            start += seqs.size();
        }
        return chunks;
    }
}
