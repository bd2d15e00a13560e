package floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

/** The counterpart of HeadProbe's /hello/{name} with headprobe.delay=0S: a Uni that is already there. */
@Path("/hello/{name}")
public class HelloResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> hello(@RestPath String name) {
        return Uni.createFrom().item("Hello, " + name);
    }
}
