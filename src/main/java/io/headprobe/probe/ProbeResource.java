package io.headprobe.probe;

import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.headprobe.access.ClientLimits;
import io.headprobe.access.KeyRequired;
import io.headprobe.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The header probe API.
 *
 * <pre>
 * curl -s localhost:8080/probe -H 'Content-Type: application/json' -d '{"targets": ["example.org"]}'
 * curl -s 'localhost:8080/probe?target=example.org&amp;method=GET'
 * curl -sN localhost:8080/probe/stream -H 'Content-Type: application/json' -d '{"targets": ["a.example", "b.example"]}'
 * curl -sN 'localhost:8080/probe/stream?audit=true' -H 'Content-Type: text/plain' --data-binary @hosts.txt
 * curl -s 'localhost:8080/audit?target=example.org'
 * </pre>
 */
@Path("/")
@KeyRequired
public class ProbeResource {

    static final String NDJSON = "application/x-ndjson";
    static final String OPENMETRICS = "application/openmetrics-text";

    @Inject
    Prober prober;

    @Inject
    ProbeRequests requests;

    @Inject
    ClientLimits limits;

    @Inject
    ProbeConfig config;

    @Inject
    Instance<ModuleScrape> scrapes;

    @POST
    @Path("probe")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Probe targets; results in the order of the targets, with a summary")
    public Uni<ProbeReport> probe(ProbeRequest request) {
        return report(requests.validate(request));
    }

    @GET
    @Path("probe")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, OPENMETRICS })
    @Operation(summary = "Probe targets given as query parameters (the same as POST /probe); "
            + "with module=NAME, one target as a Prometheus blackbox_exporter scrape")
    public Uni<Response> probeByQuery(@RestQuery List<String> target, @BeanParam ProbeQuery options,
            @RestQuery String module, @RestQuery String debug,
            @RestHeader("X-Prometheus-Scrape-Timeout-Seconds") String scrapeTimeout, @RestHeader("Accept") String accept) {
        if (module != null) {
            if (target.size() > 1) {
                throw new ProblemException(400, "a scrape with 'module' probes one target, got " + target.size());
            }
            return scrapes.get().scrape(new ModuleScrape.Scrape(target.isEmpty() ? null : target.get(0), module,
                    "true".equalsIgnoreCase(debug), scrapeTimeout, accept));
        }
        ProbeRequest request = options.request(target);
        return report(requests.validate(request))
                .onItem().transform(report -> Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build());
    }

    @POST
    @Path("probe/stream")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Probe targets; one JSON result per line, written as each target finishes")
    public Multi<ProbeResult> stream(ProbeRequest request) {
        ProbeRequests.Valid valid = requests.validate(request);
        return limits.limitStream(prober.cost(valid.targets(), valid.options()),
                () -> prober.stream(valid.targets(), valid.options()));
    }

    @POST
    @Path("probe/stream")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The same stream as server-sent events, one event per result")
    public Multi<ProbeResult> streamEvents(ProbeRequest request) {
        return stream(request);
    }

    @POST
    @Path("probe/stream")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Probe targets sent one per line, read as the probes go: a list of any length in bounded "
            + "memory (up to headprobe.probe.stream-max-body-bytes); the options of GET /probe as query parameters")
    public Multi<ProbeResult> streamLines(@BeanParam ProbeQuery query, @Context HttpServerRequest body) {
        ProbeOptions options = requests.options(query.request(null));
        Multi<TargetLines.Line> lines = TargetLines.of(body, config.maxTargetLength(), config.streamMaxBodyBytes());
        return limits.limitPaced(prober.costPerTarget(options), pace -> prober.stream(lines, options, pace));
    }

    @POST
    @Path("probe/stream")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The line stream as server-sent events, one event per result")
    public Multi<ProbeResult> streamLinesEvents(@BeanParam ProbeQuery query, @Context HttpServerRequest body) {
        return streamLines(query, body);
    }

    @GET
    @Path("audit")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Probe one target and grade its security headers")
    public Uni<ProbeResult> audit(@RestQuery String target) {
        ProbeRequest request = new ProbeRequest(target == null ? null : List.of(target), null, null, null, null, null, true,
                null, null, null, null);
        ProbeRequests.Valid valid = requests.validate(request);
        return limits.limit(prober.cost(valid.targets(), valid.options()), () -> prober.probe(valid.targets().get(0), valid.options()));
    }

    private Uni<ProbeReport> report(ProbeRequests.Valid valid) {
        long start = System.nanoTime();
        return limits.limit(prober.cost(valid.targets(), valid.options()), () -> prober.probeAll(valid.targets(), valid.options())
                .onItem().transform(results -> ProbeReport.of(results, ProbeResult.Timings.msSince(start))));
    }
}
