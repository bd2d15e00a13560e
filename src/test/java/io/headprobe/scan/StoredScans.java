package io.headprobe.scan;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.probe.ProbeResult;
import io.quarkus.arc.Arc;

/**
 * A finished scan put straight into the running application's store, with results made by hand:
 * for tests of what reads scans (the web UI) that need results no probe gives yet. The application
 * must run no workers (headprobe.scan.workers=0), so that the test alone claims the scan's chunks.
 */
public final class StoredScans {

    private StoredScans() {
    }

    /** The new scan's id; one target per result, each stored as the result's JSON. */
    public static String finished(String name, List<ProbeResult> results) throws JsonProcessingException {
        ScanStore store = Arc.container().instance(ScanStore.class).get();
        ObjectMapper json = Arc.container().instance(ObjectMapper.class).get();
        ScanStore.Draft draft = store.draft();
        draft.add(results.stream().map(ProbeResult::target).toList());
        String id = draft.commit(new ScanSpec(name, "{}", "tester"), ScanQuota.NONE).id();
        for (Chunk chunk = store.claim("test").await().indefinitely(); chunk != null;
                chunk = store.claim("test").await().indefinitely()) {
            if (!chunk.scanId().equals(id)) {
                continue; // another test's scan: left claimed, as a worker that stopped would leave it
            }
            List<ScanStore.ResultToStore> stored = new ArrayList<>();
            for (Chunk.Target target : chunk.targets()) {
                ProbeResult result = results.get(target.seq());
                stored.add(new ScanStore.ResultToStore(target.seq(), result, json.writeValueAsString(result)));
            }
            store.complete("test", chunk, stored).await().indefinitely();
        }
        return id;
    }
}
