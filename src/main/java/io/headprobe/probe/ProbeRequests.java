package io.headprobe.probe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.http.Header;
import io.headprobe.problem.Params;
import io.headprobe.problem.ProblemException;
import io.vertx.core.http.HttpMethod;

/** Checks a probe request against the configured limits and fills in the defaults. */
@ApplicationScoped
public class ProbeRequests {

    private final ProbeConfig config;

    @Inject
    public ProbeRequests(ProbeConfig config) {
        this.config = config;
    }

    public record Valid(List<String> targets, ProbeOptions options) {
    }

    public Valid validate(ProbeRequest request) {
        if (request == null) {
            throw badRequest("the body must be a JSON object with a 'targets' array");
        }
        List<String> targets = request.targets();
        if (targets == null || targets.isEmpty()) {
            throw badRequest("'targets' must list at least one URL");
        }
        if (targets.size() > config.maxTargets()) {
            throw badRequest("'targets' lists " + targets.size() + " URLs; at most " + config.maxTargets() + " are allowed");
        }
        for (int i = 0; i < targets.size(); i++) {
            checkTarget("targets[" + i + "]", targets.get(i));
        }
        return new Valid(targets, options(request));
    }

    /** A target is a string of at most headprobe.probe.max-target-length characters; anything else is a 400. */
    public void checkTarget(String where, String target) {
        if (target == null) {
            throw badRequest("'" + where + "' is null");
        }
        if (target.length() > config.maxTargetLength()) {
            throw badRequest("'" + where + "' is " + target.length() + " characters long; at most "
                    + config.maxTargetLength() + " are allowed");
        }
    }

    /** The request's options with defaults and limits applied; its targets are not looked at. */
    public ProbeOptions options(ProbeRequest request) {
        ProbeOptions.BodyRead body = body(request);
        return new ProbeOptions(
                method(request.method(), body),
                Duration.ofMillis(inRange("timeoutMs", request.timeoutMs(), config.timeout().toMillis(), 1,
                        config.timeout().toMillis())),
                request.followRedirects() == null ? config.followRedirects() : request.followRedirects(),
                (int) inRange("maxRedirects", request.maxRedirects(), config.maxRedirects(), 0, config.maxRedirects()),
                (int) inRange("concurrency", request.concurrency(), config.concurrency(), 1, config.concurrency()),
                request.audit() != null && request.audit(),
                request.tlsVerify() == null ? config.tlsVerify() : request.tlsVerify(),
                request.http2() == null ? config.http2() : request.http2(),
                ipVersion(request.ipVersion()),
                headers(request.headers()),
                null,
                null,
                body).withTlsScan(Boolean.TRUE.equals(request.tlsScan()));
    }

    /**
     * The body is read when asked for, for a favicon (found in the page) and for an audit (which
     * grades the page too); null when none of them is on.
     */
    private ProbeOptions.BodyRead body(ProbeRequest request) {
        boolean favicon = Boolean.TRUE.equals(request.favicon());
        boolean wanted = Boolean.TRUE.equals(request.body()) || favicon || Boolean.TRUE.equals(request.audit());
        if (!wanted && request.bodyMaxBytes() != null) {
            throw badRequest("'bodyMaxBytes' needs 'body': true");
        }
        if (!wanted) {
            return null;
        }
        int maxBytes = (int) inRange("bodyMaxBytes", request.bodyMaxBytes(), config.bodyMaxBytes(), 1, config.bodyMaxBytes());
        return new ProbeOptions.BodyRead(maxBytes, favicon);
    }

    private static Integer ipVersion(Integer version) {
        if (version != null && version != 4 && version != 6) {
            throw badRequest("'ipVersion' must be 4 or 6, got " + version);
        }
        return version;
    }

    private List<Header> headers(Map<String, String> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > config.maxRequestHeaders()) {
            throw badRequest("'headers' has " + requested.size() + " entries; at most " + config.maxRequestHeaders()
                    + " are allowed");
        }
        List<Header> headers = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<String, String> header : requested.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            String problem = HeaderRules.problem(name, value);
            if (problem != null) {
                throw badRequest("'headers' entry '" + name + "' " + problem);
            }
            if (HeaderRules.reserved(name)) {
                throw badRequest("'headers' may not set " + name + ": HeadProbe sets it (or HTTP/2 forbids it)");
            }
            bytes += name.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
            headers.add(new Header(name, value));
        }
        if (bytes > config.maxRequestHeaderBytes()) {
            throw badRequest("'headers' hold " + bytes + " bytes; at most " + config.maxRequestHeaderBytes()
                    + " are allowed");
        }
        return List.copyOf(headers);
    }

    /** The method asked for, else the configured one; a body is read with GET, whatever is configured. */
    private HttpMethod method(String requested, ProbeOptions.BodyRead body) {
        if (requested == null) {
            return body != null ? HttpMethod.GET : method(config.method());
        }
        HttpMethod method = method(requested);
        if (body != null && method != HttpMethod.GET) {
            throw badRequest("reading the body (for 'body', 'favicon' or 'audit') needs GET; 'method' is " + requested);
        }
        return method;
    }

    private static HttpMethod method(String name) {
        return switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "HEAD" -> HttpMethod.HEAD;
            case "GET" -> HttpMethod.GET;
            default -> throw badRequest("'method' must be HEAD or GET, not '" + name + "'");
        };
    }

    private static long inRange(String name, Integer value, long byDefault, long min, long max) {
        if (value == null) {
            return byDefault;
        }
        if (value < min || value > max) {
            throw Params.outOfRange("'" + name + "'", value, min, max);
        }
        return value;
    }

    private static ProblemException badRequest(String detail) {
        return new ProblemException(400, detail);
    }
}
