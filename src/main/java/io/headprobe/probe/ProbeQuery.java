package io.headprobe.probe;

import java.util.List;

import org.jboss.resteasy.reactive.RestQuery;

import io.headprobe.problem.Params;

/**
 * The options of POST /probe given as query parameters, with the same names: GET /probe and the
 * line stream of POST /probe/stream take them so. Each is checked as the JSON field would be.
 */
public class ProbeQuery {

    @RestQuery
    String method;
    @RestQuery
    String timeoutMs;
    @RestQuery
    String followRedirects;
    @RestQuery
    String maxRedirects;
    @RestQuery
    String concurrency;
    @RestQuery
    String audit;
    @RestQuery
    String tlsVerify;
    @RestQuery
    String http2;
    @RestQuery
    String ipVersion;
    @RestQuery
    String body;
    @RestQuery
    String bodyMaxBytes;
    @RestQuery
    String favicon;
    @RestQuery
    String tlsScan;

    /** The request these options make for {@code targets} (null where only the options matter). */
    ProbeRequest request(List<String> targets) {
        return new ProbeRequest(targets, method, Params.optionalInt("timeoutMs", timeoutMs),
                Params.optionalBoolean("followRedirects", followRedirects), Params.optionalInt("maxRedirects", maxRedirects),
                Params.optionalInt("concurrency", concurrency), Params.optionalBoolean("audit", audit),
                Params.optionalBoolean("tlsVerify", tlsVerify), Params.optionalBoolean("http2", http2),
                Params.optionalInt("ipVersion", ipVersion), null, Params.optionalBoolean("body", body),
                Params.optionalInt("bodyMaxBytes", bodyMaxBytes), Params.optionalBoolean("favicon", favicon),
                Params.optionalBoolean("tlsScan", tlsScan));
    }
}
