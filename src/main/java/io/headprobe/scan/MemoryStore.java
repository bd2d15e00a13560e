package io.headprobe.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The store of a single instance with no database: everything in this JVM, lost on restart.
 * One lock over all of it: each step is a few list operations, far cheaper than the probes.
 */
final class MemoryStore implements ScanStore {

    private final int chunkSize;
    private final Duration lease;
    private final int maxScans;
    private final Map<String, MemoryScan> scans = new HashMap<>();
    private long created;
    /** Claims made so far: a scan's last claim is the count at that time. */
    private long claimed;

    MemoryStore(int chunkSize, Duration lease, int maxScans) {
        this.chunkSize = chunkSize;
        this.lease = lease;
        this.maxScans = maxScans;
    }

    private static final class MemoryScan {
        final String id = UUID.randomUUID().toString();
        final ScanSpec spec;
        final long order;
        final Instant createdAt = Instant.now();
        final List<String> targets;
        final List<List<Integer>> chunks;
        final boolean[] chunkDone;
        final String[] chunkOwner;
        final Instant[] leaseUntil;
        /** Claims of each chunk so far: the fencing token of its latest claim. */
        final int[] claims;
        final List<StoredResult> results = new ArrayList<>();
        /** byStatus, byError and byGrade by "status", "error" and "grade". */
        final Map<String, Map<String, Long>> counts = new HashMap<>();
        ScanState state = ScanState.queued;
        /** When a chunk of it was last claimed, in claims of this store; 0: never. */
        long lastClaim;
        Instant startedAt;
        Instant finishedAt;
        long ok;

        MemoryScan(ScanSpec spec, long order, List<String> targets, List<List<Integer>> chunks) {
            this.spec = spec;
            this.order = order;
            this.targets = targets;
            this.chunks = chunks;
            this.chunkDone = new boolean[chunks.size()];
            this.chunkOwner = new String[chunks.size()];
            this.leaseUntil = new Instant[chunks.size()];
            this.claims = new int[chunks.size()];
        }

        Scan view() {
            return Scan.of(id, spec.name(), state, targets.size(), results.size(), ok, results.size() - ok,
                    counts("status"), counts("error"), counts("grade"), createdAt, startedAt, finishedAt);
        }

        boolean ownedBy(String owner) {
            return owner == null || owner.equals(spec.client());
        }

        private Map<String, Long> counts(String kind) {
            return new TreeMap<>(counts.getOrDefault(kind, Map.of()));
        }
    }

    @Override
    public Uni<Void> open() {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Draft draft() {
        List<String> targets = new ArrayList<>();
        return new Draft() {
            @Override
            public void add(List<String> batch) {
                targets.addAll(batch);
            }

            @Override
            public Scan commit(ScanSpec spec, ScanQuota quota) {
                Map<String, List<Integer>> byHost = new LinkedHashMap<>();
                for (int seq = 0; seq < targets.size(); seq++) {
                    byHost.computeIfAbsent(Hosts.of(targets.get(seq)), host -> new ArrayList<>()).add(seq);
                }
                List<List<Integer>> chunks = List.copyOf(Hosts.chunks(byHost, chunkSize).values());
                synchronized (MemoryStore.this) {
                    admit(spec.client(), quota, targets.size());
                    makeRoom();
                    MemoryScan scan = new MemoryScan(spec, created++, targets, chunks);
                    scans.put(scan.id, scan);
                    return scan.view();
                }
            }

            @Override
            public void abort() {
                targets.clear();
            }
        };
    }

    /** Called with the lock held: the count and the new scan are one step. */
    private void admit(String client, ScanQuota quota, int targets) {
        Instant now = Instant.now();
        List<MemoryScan> mine = scans.values().stream().filter(scan -> client.equals(scan.spec.client()))
                .sorted(Comparator.comparingLong(scan -> scan.order)).toList();
        quota.admit(mine.stream().filter(scan -> scan.state.open()).count(),
                mine.stream().filter(scan -> scan.createdAt.isAfter(now.minus(ScanQuota.WINDOW)))
                        .map(scan -> new ScanQuota.Submitted(scan.createdAt, scan.targets.size())).toList(),
                targets, now);
    }

    /**
     * Called with the lock held, before a scan is added: forgets the oldest finished scans while
     * the store is full. Scans still queued or running stay, however many there are.
     */
    private void makeRoom() {
        List<MemoryScan> finished = scans.values().stream().filter(scan -> !scan.state.open())
                .sorted(Comparator.comparingLong(scan -> scan.order)).toList();
        for (int i = 0; i < finished.size() && scans.size() >= maxScans; i++) {
            scans.remove(finished.get(i).id);
        }
    }

    @Override
    public synchronized Uni<Long> expire(Duration retention) {
        Instant cutoff = Instant.now().minus(retention);
        int before = scans.size();
        scans.values().removeIf(scan -> !scan.state.open() && scan.finishedAt.isBefore(cutoff));
        return Uni.createFrom().item((long) (before - scans.size()));
    }

    @Override
    public synchronized Uni<Scan> find(String id, String owner) {
        MemoryScan scan = owned(id, owner);
        return Uni.createFrom().item(scan == null ? null : scan.view());
    }

    /** Null for an unknown id or another client's scan. */
    private MemoryScan owned(String id, String owner) {
        MemoryScan scan = scans.get(id);
        return scan != null && scan.ownedBy(owner) ? scan : null;
    }

    @Override
    public synchronized Uni<List<Scan>> list(String owner, int offset, int limit) {
        return Uni.createFrom().item(scans.values().stream()
                .filter(scan -> scan.ownedBy(owner))
                .sorted(Comparator.comparingLong((MemoryScan scan) -> scan.order).reversed())
                .skip(offset).limit(limit).map(MemoryScan::view).toList());
    }

    @Override
    public synchronized Multi<StoredResult> results(String id, long after) {
        MemoryScan scan = scans.get(id);
        // Forgotten since the reader found it: no more results, as a deleted row in PostgreSQL.
        List<StoredResult> results = scan == null ? List.of() : scan.results;
        return Multi.createFrom().iterable(List.copyOf(results.subList((int) Math.min(after, results.size()),
                results.size())));
    }

    @Override
    public synchronized Multi<ResultChange> diff(String id, String base) {
        Map<String, StoredResult> after = byTarget(scans.get(id));
        Map<String, StoredResult> before = byTarget(scans.get(base));
        List<ResultChange> changes = new ArrayList<>();
        after.forEach((target, result) -> {
            StoredResult old = before.get(target);
            ResultChange change = old == null ? null : ResultChange.of(target, old.summary(), result.summary());
            if (change != null && !change.changed().isEmpty()) {
                changes.add(change);
            }
        });
        return Multi.createFrom().iterable(changes);
    }

    /** Each target's result, the first occurrence's where a target is listed twice, in target order. */
    private static Map<String, StoredResult> byTarget(MemoryScan scan) {
        Map<String, StoredResult> results = new TreeMap<>();
        for (StoredResult result : scan == null ? List.<StoredResult> of() : scan.results) {
            results.merge(result.target(), result, (one, other) -> one.seq() < other.seq() ? one : other);
        }
        return results;
    }

    @Override
    public synchronized long activeScans() {
        return scans.values().stream().filter(scan -> scan.state.open()).count();
    }

    @Override
    public synchronized Uni<Scan> cancel(String id, String owner) {
        MemoryScan scan = owned(id, owner);
        if (scan != null && scan.state.open()) {
            scan.state = ScanState.cancelled;
            scan.finishedAt = Instant.now();
        }
        return Uni.createFrom().item(scan == null ? null : scan.view());
    }

    /**
     * Leases as in PostgreSQL, on this JVM's clock: the workers live and die with this store, but a
     * worker stalled past its lease loses its chunk the same way.
     */
    @Override
    public synchronized Uni<Chunk> claim(String worker) {
        Instant now = Instant.now();
        for (MemoryScan scan : fairOrder()) {
            for (int n = 0; n < scan.chunks.size(); n++) {
                if (!scan.chunkDone[n] && (scan.chunkOwner[n] == null || !scan.leaseUntil[n].isAfter(now))) {
                    scan.chunkOwner[n] = worker;
                    scan.leaseUntil[n] = now.plus(lease);
                    scan.claims[n]++;
                    scan.lastClaim = ++claimed;
                    if (scan.state == ScanState.queued) {
                        scan.state = ScanState.running;
                        scan.startedAt = Instant.now();
                    }
                    List<Chunk.Target> targets = scan.chunks.get(n).stream()
                            .map(seq -> new Chunk.Target(seq, scan.targets.get(seq))).toList();
                    return Uni.createFrom().item(new Chunk(scan.id, n, scan.claims[n], scan.spec.options(), targets));
                }
            }
        }
        return Uni.createFrom().nullItem();
    }

    /** Open scans as PostgreSQL's claim orders them: by client claimed from longest ago, then by scan, then oldest. */
    private List<MemoryScan> fairOrder() {
        List<MemoryScan> open = scans.values().stream().filter(scan -> scan.state.open()).toList();
        Map<String, Long> clientClaimed = new HashMap<>();
        open.forEach(scan -> clientClaimed.merge(String.valueOf(scan.spec.client()), scan.lastClaim, Math::max));
        return open.stream().sorted(Comparator.comparingLong((MemoryScan scan) -> clientClaimed.get(String.valueOf(scan.spec.client())))
                .thenComparingLong(scan -> scan.lastClaim).thenComparingLong(scan -> scan.order)).toList();
    }

    @Override
    public synchronized Uni<Void> release(String worker, Chunk chunk) {
        MemoryScan scan = held(worker, chunk);
        if (scan != null) {
            scan.chunkOwner[chunk.number()] = null;
            scan.leaseUntil[chunk.number()] = null;
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Boolean> renew(String worker, Chunk chunk) {
        MemoryScan scan = held(worker, chunk);
        if (scan != null) {
            scan.leaseUntil[chunk.number()] = Instant.now().plus(lease);
        }
        return Uni.createFrom().item(scan != null);
    }

    /** The chunk's scan while this claim of it (owner and fencing token) still holds it, else null. */
    private MemoryScan held(String worker, Chunk chunk) {
        MemoryScan scan = scans.get(chunk.scanId());
        int n = chunk.number();
        boolean held = scan != null && !scan.chunkDone[n] && worker.equals(scan.chunkOwner[n])
                && scan.claims[n] == chunk.claim();
        return held ? scan : null;
    }

    @Override
    public synchronized Uni<Void> complete(String worker, Chunk chunk, List<ResultToStore> results) {
        MemoryScan scan = held(worker, chunk);
        if (scan == null) {
            return Uni.createFrom().voidItem();
        }
        scan.chunkDone[chunk.number()] = true;
        for (ResultToStore result : results) {
            StoredResult stored = StoredResult.of(scan.results.size() + 1, result.seq(), result.result(), result.json());
            scan.results.add(stored);
            scan.ok += stored.ok() ? 1 : 0;
            stored.countedAs().forEach((kind, key) -> scan.counts.computeIfAbsent(kind, k -> new TreeMap<>())
                    .merge(key, 1L, Long::sum));
        }
        if (scan.results.size() == scan.targets.size() && scan.state == ScanState.running) {
            scan.state = ScanState.done;
            scan.finishedAt = Instant.now();
        }
        return Uni.createFrom().voidItem();
    }
}
