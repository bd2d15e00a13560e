package io.headprobe.probe;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.problem.Params;
import io.headprobe.problem.ProblemException;
import io.vertx.core.http.HttpMethod;

/** Checks a probe request against the configured limits and fills in the defaults. */
@ApplicationScoped
public class ProbeRequests {

    @Inject
    ProbeConfig config;

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
            if (targets.get(i) == null) {
                throw badRequest("'targets[" + i + "]' is null");
            }
            if (targets.get(i).length() > config.maxTargetLength()) {
                throw badRequest("'targets[" + i + "]' is " + targets.get(i).length() + " characters long; at most "
                        + config.maxTargetLength() + " are allowed");
            }
        }
        ProbeOptions options = new ProbeOptions(
                method(request.method() == null ? config.method() : request.method()),
                Duration.ofMillis(inRange("timeoutMs", request.timeoutMs(), config.timeout().toMillis(), 1,
                        config.timeout().toMillis())),
                request.followRedirects() == null ? config.followRedirects() : request.followRedirects(),
                (int) inRange("maxRedirects", request.maxRedirects(), config.maxRedirects(), 0, config.maxRedirects()),
                (int) inRange("concurrency", request.concurrency(), config.concurrency(), 1, config.concurrency()),
                request.audit() != null && request.audit());
        return new Valid(targets, options);
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
