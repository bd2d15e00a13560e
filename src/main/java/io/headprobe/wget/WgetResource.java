package io.headprobe.wget;

import java.net.ConnectException;
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
import io.headprobe.guard.TargetUrl;
import io.headprobe.guard.TargetUrl.InvalidTargetException;
import io.headprobe.http.Header;
import io.headprobe.problem.Params;
import io.headprobe.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The seed's asyncio "wget": the response heads of all targets, fetched at once, printed in the
 * order the targets were given. Each target is guarded as /probe's are (see {@link HeaderFetcher});
 * one that fails or is refused gets one error line and spoils no other.
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
            throw new ProblemException(404, "/wget is switched off here (headprobe.wget.enabled=false); use /probe");
        }
        if (target.isEmpty() || target.size() > config.maxTargets()) {
            throw Params.outOfRange("the number of 'target' parameters", target.size(), 1, config.maxTargets());
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

    /**
     * The seed took bare host names and spoke plain HTTP to port 80; so does this. https is refused:
     * the REST client, given the checked address in place of the name, would send no SNI and verify
     * the certificate against the address, so it could not fetch a real https site safely. /probe can.
     */
    static TargetUrl toUrl(String target) {
        String text = target.strip();
        int schemeEnd = text.indexOf("://");
        String scheme = schemeEnd < 0 ? "http" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            throw new InvalidTargetException("https is not supported by /wget; use /probe");
        }
        if (!scheme.equals("http")) {
            throw new InvalidTargetException("only http URLs can be fetched by /wget, not '" + scheme + "'");
        }
        return TargetUrl.parse(schemeEnd < 0 ? "http://" + text : text);
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
            if (cause instanceof IllegalArgumentException || cause instanceof TimeoutException
                    || cause instanceof HeaderFetcher.BlockedAddressException) {
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
