package io.headprobe.probe;

import java.util.Arrays;
import java.util.List;

/** The columns of a ProbeResult as CSV: the same in `headprobe probe --csv` and in GET /scans/{id}/results. */
public final class ProbeCsv {

    public static final List<String> COLUMNS = List.of("target", "url", "ok", "status", "httpVersion", "remoteAddress",
            "totalMs", "grade", "score", "tlsProtocol", "tlsVerified", "tlsDaysLeft", "errorCode", "errorMessage");

    private ProbeCsv() {
    }

    /** The values of {@link #COLUMNS}, in order; null where the result has none. */
    public static List<Object> fields(ProbeResult result) {
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
                result.error() == null ? null : result.error().message());
    }
}
