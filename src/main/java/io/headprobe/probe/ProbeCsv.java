package io.headprobe.probe;

import java.util.Arrays;
import java.util.List;

import io.headprobe.body.BodyFacts;
import io.headprobe.tls.model.TlsScan;

/** The columns of a ProbeResult as CSV: the same in `headprobe probe --csv` and in GET /scans/{id}/results. */
public final class ProbeCsv {

    /**
     * Newer columns come last (the body's, then the TLS scan's), so that readers of the older
     * columns find them where they were.
     */
    public static final List<String> COLUMNS = List.of("target", "url", "ok", "status", "httpVersion", "remoteAddress",
            "totalMs", "grade", "score", "tlsProtocol", "tlsVerified", "tlsDaysLeft", "errorCode", "errorMessage",
            "bodyBytes", "bodyTruncated", "bodySha256", "bodyMmh3", "title", "words", "lines", "faviconMmh3",
            "tlsGrade", "tlsProtocols", "tlsWeak");

    private ProbeCsv() {
    }

    /** The values of {@link #COLUMNS}, in order; null where the result has none. */
    public static List<Object> fields(ProbeResult result) {
        BodyFacts body = result.body();
        BodyFacts.Favicon favicon = body == null ? null : body.favicon();
        TlsScan scan = result.tlsScan();
        return Arrays.asList(
                result.target(),
                result.url(),
                result.ok(),
                result.status(),
                result.httpVersion(),
                result.remoteAddress(),
                result.timings() == null ? null : result.timings().totalMs(),
                result.audit() == null ? null : result.audit().grade(),
                result.audit() == null ? null : result.audit().score(),
                result.tls() == null ? null : result.tls().protocol(),
                result.tls() == null ? null : result.tls().verified(),
                result.tls() == null ? null : result.tls().daysLeft(),
                result.error() == null ? null : result.error().code(),
                result.error() == null ? null : result.error().message(),
                body == null ? null : body.bytes(),
                body == null ? null : body.truncated(),
                body == null ? null : body.sha256(),
                body == null ? null : number(body.mmh3()),
                body == null ? null : body.title(),
                body == null ? null : body.words(),
                body == null ? null : body.lines(),
                favicon == null ? null : number(favicon.mmh3()),
                scan == null || scan.rating() == null ? null : scan.rating().grade(),
                scan == null ? null : list(scan.protocols()),
                scan == null ? null : list(scan.weak()));
    }

    /** A list in one CSV field, separated by ";" (weak suite classes hold spaces, e.g. "static RSA"). */
    public static String list(List<String> values) {
        return values == null ? null : String.join(";", values);
    }

    /**
     * An mmh3 hash is a signed decimal, e.g. -1255992602: written as a number, so that the CSV
     * writer's formula guard leaves its minus sign alone and it compares equal to Shodan's.
     */
    private static Object number(String hash) {
        try {
            return hash == null ? null : Long.valueOf(hash);
        } catch (NumberFormatException e) {
            return hash;
        }
    }
}
