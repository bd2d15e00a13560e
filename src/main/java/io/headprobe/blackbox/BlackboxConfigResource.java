package io.headprobe.blackbox;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.headprobe.access.KeyRequired;
import io.headprobe.problem.ProblemException;

/**
 * blackbox_exporter's own routes: the loaded configuration, and a reload of the file. Both need
 * an API key when keys are configured: one changes what every scrape does, the other shows header
 * values and file paths.
 *
 * <pre>
 * curl -s localhost:8080/config
 * curl -s -X POST localhost:8080/-/reload
 * </pre>
 */
@Path("/")
@KeyRequired
public class BlackboxConfigResource {

    @Inject
    BlackboxModules modules;

    /** text/plain, as blackbox answers it. */
    @GET
    @Path("config")
    @Produces(MediaType.TEXT_PLAIN)
    public String config() {
        return modules.page();
    }

    /** An empty 200, as blackbox; a file HeadProbe cannot honour is blackbox's 500, as a problem body saying why. */
    @POST
    @Path("-/reload")
    public Response reload() {
        try {
            modules.reload();
            return Response.ok().build();
        } catch (BlackboxConfigException e) {
            throw new ProblemException(500, "failed to reload config: " + e.getMessage());
        }
    }
}
