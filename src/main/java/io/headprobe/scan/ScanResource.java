package io.headprobe.scan;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headprobe.access.ApiKeys;
import io.headprobe.access.ClientLimits;
import io.headprobe.access.Clients;
import io.headprobe.access.KeyRequired;
import io.headprobe.csv.Csv;
import io.headprobe.probe.ProbeConfig;
import io.headprobe.probe.ProbeRequest;
import io.headprobe.probe.ProbeRequests;
import io.headprobe.problem.Params;
import io.headprobe.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.unchecked.Unchecked;
import io.vertx.ext.web.RoutingContext;

/**
 * Scan jobs: submitted once, run by every instance's workers, read back as they finish.
 *
 * <pre>
 * curl -si localhost:8080/scans -H 'Content-Type: application/json' -d '{"targets": ["example.org"], "name": "weekly"}'
 * seq 1 3 | sed 's/^/https:\/\/example.org\/?/' | curl -si localhost:8080/scans -H 'Content-Type: text/plain' --data-binary @-
 * curl -s localhost:8080/scans/ID
 * curl -sN 'localhost:8080/scans/ID/results?after=CURSOR'
 * curl -s localhost:8080/scans/ID/results -H 'Accept: text/csv'
 * curl -s 'localhost:8080/scans/ID/diff?base=OLDER_ID'
 * curl -s 'localhost:8080/scans/ID/diff?base=OLDER_ID' -H 'Accept: text/csv'
 * curl -s -X DELETE localhost:8080/scans/ID
 * </pre>
 *
 * With API keys configured, a scan belongs to the key that submitted it: to any other key it does
 * not exist (404, and not listed). Without keys, the service has one tenant and every caller sees
 * every scan.
 */
@Path("/scans")
@KeyRequired
public class ScanResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    private static final int MAX_NAME_LENGTH = 200;

    @Inject
    ScanStore store;

    @Inject
    ScanConfig config;

    @Inject
    ProbeConfig probeConfig;

    @Inject
    ProbeRequests requests;

    @Inject
    ObjectMapper json;

    @Inject
    ClientLimits limits;

    @Inject
    ApiKeys keys;

    @Inject
    RoutingContext routing;

    /** Uploads in progress on this instance (the resource is a singleton). */
    private Semaphore uploads;

    @PostConstruct
    void boundUploads() {
        uploads = new Semaphore(config.maxUploads());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Submit a scan: the body of POST /probe, up to headprobe.scan.max-targets targets, and a name")
    public Response submitJson(InputStream body) throws JsonProcessingException {
        return submit(reader -> {
            ObjectNode fields = reader.json(json, body);
            String name = name(fields.remove("name"));
            return spec(name, json.treeToValue(fields, ProbeRequest.class));
        });
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Submit a scan: one target per line; options as query parameters name, method, audit, body, bodyMaxBytes, favicon and tlsScan")
    public Response submitText(InputStream targets, @RestQuery String name, @RestQuery String method,
            @RestQuery String audit, @RestQuery String body, @RestQuery String bodyMaxBytes, @RestQuery String favicon,
            @RestQuery String tlsScan) throws JsonProcessingException {
        return submit(reader -> {
            reader.text(targets);
            return spec(name(name == null ? null : json.getNodeFactory().textNode(name)),
                    new ProbeRequest(null, method, null, null, null, null, Params.optionalBoolean("audit", audit), null,
                            null, null, null, Params.optionalBoolean("body", body),
                            Params.optionalInt("bodyMaxBytes", bodyMaxBytes), Params.optionalBoolean("favicon", favicon),
                            Params.optionalBoolean("tlsScan", tlsScan)));
        });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scans, newest first, a page at a time")
    public Uni<ScanPage> list(@RestQuery String offset, @RestQuery String limit) {
        int from = Params.intInRange("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = Params.intInRange("limit", limit, config.pageSize(), 1, config.maxPageSize());
        return store.list(owner(), from, size + 1).onItem().transform(scans -> scans.size() > size
                ? new ScanPage(scans.subList(0, size), from + size)
                : new ScanPage(scans, null));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A scan's state, counts, rate and ETA")
    public Uni<Scan> get(@RestPath String id) {
        return known(id, store.find(id, owner()));
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a scan: no new targets start; finished ones stay")
    public Uni<Scan> cancel(@RestPath String id) {
        return known(id, store.cancel(id, owner()));
    }

    @GET
    @Path("{id}/results")
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Results in the order they were stored, one JSON object per line, each with the cursor that resumes after it")
    public Multi<ObjectNode> results(@RestPath String id, @RestQuery String after, @RestQuery String limit) {
        return stored(id, after, limit).onItem().transformToMulti(results -> results
                .onItem().transform(Unchecked.function(result -> result.line(json, id))));
    }

    @GET
    @Path("{id}/results")
    @Produces(CSV)
    @Operation(summary = "The same results as CSV")
    public Multi<String> resultsCsv(@RestPath String id, @RestQuery String after, @RestQuery String limit) {
        return stored(id, after, limit).onItem().transformToMulti(results -> csv(StoredResult.CSV_HEADER, results
                .onItem().transform(Unchecked.function(result -> result.csv(json)))));
    }

    @GET
    @Path("{id}/diff")
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Targets in both scans whose status, error, grade, TLS days-left bucket, (both having read the body) title or body hash, or (both having scanned TLS) TLS grade, protocols or weak suite classes changed since the base scan")
    public Multi<ResultChange> diff(@RestPath String id, @RestQuery String base) {
        return changes(id, base).onItem().transformToMulti(changes -> changes);
    }

    @GET
    @Path("{id}/diff")
    @Produces(CSV)
    @Operation(summary = "The same changes as CSV")
    public Multi<String> diffCsv(@RestPath String id, @RestQuery String base) {
        return changes(id, base).onItem().transformToMulti(changes -> csv(Csv.row(ResultChange.CSV_COLUMNS),
                changes.onItem().transform(change -> Csv.row(change.csvFields()))));
    }

    private static Multi<String> csv(String header, Multi<String> rows) {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(header), rows);
    }

    /**
     * The changes, once both scans are known to be the caller's: a 404 must come before the first
     * byte of the answer (a CSV's header).
     */
    private Uni<Multi<ResultChange>> changes(String id, String base) {
        if (base == null || base.isBlank()) {
            throw new ProblemException(400, "'base' must name the scan to compare with");
        }
        String owner = owner();
        return known(id, store.find(id, owner))
                .chain(scan -> known(base, store.find(base, owner)))
                .map(scan -> store.diff(id, base));
    }

    /**
     * A reader that wants a page asks for {@code limit} results: the stream then ends by itself,
     * where a reader that stopped reading would leave the server a reset connection to log. As
     * {@link #changes}, known to be the caller's before anything is sent.
     */
    private Uni<Multi<StoredResult>> stored(String id, String after, String limit) {
        long position = Cursor.position(id, after);
        int most = Params.intInRange("limit", limit, Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        return known(id, store.find(id, owner())).map(scan -> store.results(id, position).select().first(most));
    }

    private interface Body {
        ScanSpec read(TargetReader reader) throws IOException;
    }

    /**
     * Reads the body into a draft and commits it, or forgets it on any refusal. Jackson's own
     * exceptions go on to ProblemMappers, which words them.
     */
    private Response submit(Body body) throws JsonProcessingException {
        if (!uploads.tryAcquire()) {
            // Each upload holds a worker thread and a spool file for as long as its client takes.
            throw new ProblemException(503, "more than headprobe.scan.max-uploads (" + config.maxUploads()
                    + ") scans are being uploaded; try again shortly", Map.of("Retry-After", "5"));
        }
        try {
            return submitTo(store.draft(), body);
        } finally {
            uploads.release();
        }
    }

    private Response submitTo(ScanStore.Draft draft, Body body) throws JsonProcessingException {
        try {
            TargetReader reader = new TargetReader(requests, config.maxTargets(), probeConfig.maxTargetLength(),
                    probeConfig.maxBodyBytes(), draft::add);
            Scan scan = draft.commit(body.read(reader), quota());
            return Response.accepted(scan).location(URI.create("/scans/" + scan.id())).build();
        } catch (JsonProcessingException e) {
            draft.abort();
            throw e;
        } catch (IOException e) {
            draft.abort();
            throw new ProblemException(400, "the body could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            draft.abort();
            throw e;
        }
    }

    /**
     * Validated now, so that a bad option is a 400 and not a scan that fails in every worker. The
     * scan's client is its owner, when there are owners, and the client limits count otherwise.
     */
    private ScanSpec spec(String name, ProbeRequest request) throws IOException {
        String owner = owner();
        return new ScanSpec(name, json.writeValueAsString(StoredOptions.of(requests.options(request))),
                owner != null ? owner : limits.client());
    }

    /**
     * Whose scans this request may see and touch: with API keys configured, its key's (KeyCheck let
     * it in with one), never an address's; without keys, null: everyone's.
     */
    private String owner() {
        if (!keys.required()) {
            return null;
        }
        return Clients.apiKey(routing).orElseThrow(() -> new IllegalStateException("a /scans request got past KeyCheck without a key"));
    }

    /**
     * Checked by the store when the scan is complete and about to be committed: only then is its
     * number of targets known, and the store's lock makes the check and the new scan one step.
     */
    private ScanQuota quota() {
        return limits.enabled() ? new ScanQuota(config.maxActivePerClient(), config.maxTargetsPerDayPerClient())
                : ScanQuota.NONE;
    }

    private static String name(JsonNode name) {
        if (name == null || name.isNull()) {
            return null;
        }
        if (!name.isTextual() || name.textValue().length() > MAX_NAME_LENGTH) {
            throw new ProblemException(400, "'name' must be a string of at most " + MAX_NAME_LENGTH + " characters");
        }
        TargetReader.refuseNul("name", name.textValue());
        return name.textValue();
    }

    private static <T> Uni<T> known(String id, Uni<T> found) {
        return found.onItem().ifNull().failWith(() -> new ProblemException(404, "no scan with id '" + id + "'"));
    }
}
