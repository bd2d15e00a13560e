package io.headprobe.audit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import io.headprobe.http.Header;
import io.headprobe.problem.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of POST /audit: the page's URL, its response headers (in order, names may repeat) and,
 * optionally, the page itself as text, for subresource integrity and the meta tags.
 */
@RegisterForReflection
public record AuditRequest(String url, List<Header> headers, String body) {

    /** The URL the headers came from must be an absolute http or https URL: a 400 problem otherwise. */
    public static void checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new ProblemException(400, "'url' is required: the URL the headers came from (https://... or http://...)");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new ProblemException(400, "'url' must be an absolute http or https URL, not '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new ProblemException(400, "'url' is not a valid URL: " + e.getReason());
        }
    }
}
