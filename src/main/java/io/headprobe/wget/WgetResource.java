package io.headprobe.wget;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import io.headprobe.access.ClientLimits;
import io.headprobe.access.KeyRequired;
import io.headprobe.http.Header;
import io.headprobe.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The seed's asyncio "wget": the response heads of all targets, fetched at once, printed in the
 * order the targets were given.
 *
 * <pre>
 * curl 'localhost:8080/wget?target=http://127.0.0.1:8080/hello/a&amp;target=example.org'
 * </pre>
 */
@Path("/wget")
@KeyRequired
public class WgetResource {

    @Inject
    HeaderFetcher fetcher;

    @Inject
    WgetConfig config;

    @Inject
    ClientLimits limits;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> wget(@RestQuery List<String> target) {
        if (!config.enabled()) {
            throw new ProblemException(404, "/wget is switched off: it has no SSRF guard. Use /probe, or set "
                    + "headprobe.wget.enabled=true where every reachable address may be fetched");
        }
        if (target.isEmpty() || target.size() > config.maxTargets()) {
            throw new ProblemException(400,
                    "give 1 to " + config.maxTargets() + " 'target' query parameters, got " + target.size());
        }
        List<Uni<String>> blocks = target.stream().map(this::headLines).toList();
        return limits.limit(target.size(), () -> Uni.join().all(blocks).andFailFast()
                .onItem().transform(all -> String.join("", all)));
    }

    private Uni<String> headLines(String target) {
        return Uni.createFrom().item(() -> toUrl(target))
                .onItem().transformToUni(url -> fetcher.fetch(url, config.timeout()))
                .onItem().transform(head -> format(target, head))
                .onFailure().recoverWithItem(failure -> target + " error > " + reason(failure) + "\n");
    }

    /** The seed took bare host names and spoke plain HTTP to port 80; so does this. */
    static URI toUrl(String target) {
        String text = target.strip();
        String withScheme = text.contains("://") ? text : "http://" + text;
        URI url;
        try {
            url = URI.create(withScheme);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https URLs can be fetched");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("invalid URL: no host");
        }
        return url;
    }

    private static String format(String target, ResponseHead head) {
        StringBuilder lines = new StringBuilder();
        lines.append(target).append(" header > HTTP/1.1 ").append(head.status());
        if (head.reason() != null && !head.reason().isEmpty()) {
            lines.append(' ').append(head.reason());
        }
        lines.append('\n');
        for (Header header : head.headers()) {
            lines.append(target).append(" header > ").append(header.name()).append(": ").append(header.value()).append('\n');
        }
        return lines.toString();
    }

    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException || cause instanceof TimeoutException) {
                return cause.getMessage();
            }
            if (cause instanceof ConnectException) {
                return "connection failed: " + cause.getMessage();
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host: " + cause.getMessage();
            }
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
