package io.headprobe.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.headprobe.access.ClientLimits;
import io.headprobe.access.KeyRequired;
import io.headprobe.http.Header;
import io.headprobe.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Grades headers (and the page) a client already has, for pipelines that check a build before it
 * is deployed. Nothing is fetched, so there is no address to guard; it still costs one target of
 * the client's limits, like GET /audit.
 *
 * <pre>
 * curl -s localhost:8080/audit -H 'Content-Type: application/json' \
 *   -d '{"url": "https://example.org/", "headers": [{"name": "X-Frame-Options", "value": "DENY"}],
 *        "body": "&lt;script src=https://cdn.example.net/a.js&gt;&lt;/script&gt;"}'
 * </pre>
 */
// Shares the path with GET /audit, which fetches (ProbeResource): "/" lets both classes own a method.
@Path("/")
@KeyRequired
public class AuditResource {

    @Inject
    AuditConfig config;

    @Inject
    ClientLimits limits;

    @Inject
    HstsPreloadFile preload;

    @POST
    @Path("audit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grade the given response headers, and page when given, without fetching anything")
    public Uni<AuditReport> audit(AuditRequest request) {
        validate(request);
        AuditedResponse response = new AuditedResponse(request.url(), request.headers()).withBody(request.body())
                .withPreload(preload.list());
        return limits.limit(1, () -> Uni.createFrom().item(
                () -> new AuditReport(request.url(), SecurityHeaders.audit(response))));
    }

    private void validate(AuditRequest request) {
        if (request == null) {
            throw badRequest("the body must be a JSON object with 'url' and 'headers'");
        }
        AuditRequest.checkUrl(request.url());
        List<Header> headers = request.headers();
        if (headers == null) {
            throw badRequest("'headers' must be a list of {\"name\", \"value\"} objects");
        }
        if (headers.size() > config.maxHeaders()) {
            throw badRequest("'headers' lists " + headers.size() + " headers; at most " + config.maxHeaders() + " are allowed");
        }
        long bytes = 0;
        for (int i = 0; i < headers.size(); i++) {
            Header header = headers.get(i);
            if (header == null || header.name() == null || header.value() == null) {
                throw badRequest("'headers[" + i + "]' must have a string 'name' and a string 'value'");
            }
            if (header.name().isBlank()) {
                throw badRequest("'headers[" + i + "].name' is empty");
            }
            bytes += header.name().getBytes(StandardCharsets.UTF_8).length + header.value().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > config.maxHeaderBytes()) {
            throw badRequest("the headers hold " + bytes + " bytes; at most " + config.maxHeaderBytes() + " are allowed");
        }
        long bodyBytes = request.body() == null ? 0 : request.body().getBytes(StandardCharsets.UTF_8).length;
        if (bodyBytes > config.maxBodyBytes()) {
            throw badRequest("'body' holds " + bodyBytes + " bytes; at most " + config.maxBodyBytes() + " are allowed");
        }
    }

    private static ProblemException badRequest(String detail) {
        return new ProblemException(400, detail);
    }
}
