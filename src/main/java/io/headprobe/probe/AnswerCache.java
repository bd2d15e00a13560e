package io.headprobe.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * DNS answers by name, each kept for its TTL, at most {@code maxEntries} names (the least recently
 * used goes first). A name being looked up is in the cache too, so resolutions that arrive while
 * the query is out wait for its answer instead of asking again.
 */
final class AnswerCache {

    /**
     * What DNS said about a name: its addresses, or why there are none ({@code noSuchName} for
     * NXDOMAIN). A zero TTL is not kept.
     */
    record Answer(List<InetAddress> addresses, boolean noSuchName, String failure, Duration ttl) {

        static Answer of(List<InetAddress> addresses, Duration ttl) {
            return new Answer(addresses, false, null, ttl);
        }

        static Answer failed(boolean noSuchName, String failure, Duration ttl) {
            return new Answer(List.of(), noSuchName, failure, ttl);
        }
    }

    private static final class Entry {
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        boolean settled;
        long expires;

        boolean fresh(long now) {
            return !settled || now - expires < 0;
        }
    }

    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries;

    /** @param maxEntries 0 keeps nothing */
    AnswerCache(int maxEntries, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The name's answer from the cache, else from {@code lookup}, which must not fail. */
    CompletionStage<Answer> get(String name, Function<String, CompletionStage<Answer>> lookup) {
        Entry entry;
        synchronized (this) {
            entry = entries.get(name);
            if (entry != null && entry.fresh(nanoTime.getAsLong())) {
                return entry.answer;
            }
            entry = new Entry();
            entries.put(name, entry);
        }
        Entry asked = entry;
        lookup.apply(name).whenComplete((answer, failure) -> settle(name, asked, answer, failure));
        return asked.answer;
    }

    private void settle(String name, Entry entry, Answer answer, Throwable failure) {
        synchronized (this) {
            if (answer != null && !answer.ttl().isNegative() && !answer.ttl().isZero()) {
                entry.settled = true;
                entry.expires = nanoTime.getAsLong() + answer.ttl().toNanos();
            } else {
                entries.remove(name, entry);
            }
        }
        if (failure != null) {
            entry.answer.completeExceptionally(failure);
        } else {
            entry.answer.complete(answer);
        }
    }
}
