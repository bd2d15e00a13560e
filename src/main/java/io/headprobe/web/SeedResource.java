package io.headprobe.web;

import java.time.Duration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

/**
 * The seed's aiohttp server: both routes answer after a delay that holds no thread.
 *
 * <pre>
 * curl -i localhost:8080/
 * curl -i localhost:8080/hello/world
 * </pre>
 */
@Path("/")
@Produces(SeedResource.HTML)
public class SeedResource {

    static final String HTML = "text/html;charset=UTF-8";

    @ConfigProperty(name = "headprobe.delay", defaultValue = "1S")
    Duration delay;

    @GET
    public Uni<String> index() {
        return afterDelay("<h1>Index</h1>");
    }

    @GET
    @Path("hello/{name}")
    public Uni<String> hello(@RestPath String name) {
        return afterDelay("<h1>hello, " + Html.escape(name) + "!</h1>");
    }

    private Uni<String> afterDelay(String body) {
        Uni<String> page = Uni.createFrom().item(body);
        // Mutiny refuses a zero delay; 0S means "answer at once".
        return delay.isZero() ? page : page.onItem().delayIt().by(delay);
    }
}
