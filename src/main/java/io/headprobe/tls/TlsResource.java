package io.headprobe.tls;

import io.headprobe.tls.model.TlsScan;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

import io.headprobe.access.ClientLimits;
import io.headprobe.access.KeyRequired;
import io.headprobe.guard.TargetUrl;
import io.headprobe.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The TLS scan of one server: every version, suite and group it accepts.
 *
 * <pre>
 * curl -s 'localhost:8080/tls?target=example.org'
 * curl -s 'localhost:8080/tls?target=example.org:8443' | jq '.protocols, .weak'
 * </pre>
 */
@Path("/tls")
@KeyRequired
public class TlsResource {

    @Inject
    TlsScans scans;

    @Inject
    ClientLimits limits;

    @Inject
    TlsScanConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scan the TLS of one target (host[:port], port 443 by default): versions, suites, groups, weaknesses")
    public Uni<TlsScan> scan(@RestQuery String target) {
        if (target == null || target.isBlank()) {
            throw new ProblemException(400, "target is required: host[:port]");
        }
        TargetUrl url = TlsScans.target(target);
        return limits.limit(config.cost(), () -> scans.scan(url));
    }
}
