package io.headprobe.probe;

import java.time.Duration;

import io.vertx.core.http.HttpMethod;

/** How to probe the targets of one request, once defaults and limits are applied. */
public record ProbeOptions(HttpMethod method, Duration timeout, boolean followRedirects, int maxRedirects,
        int concurrency, boolean audit) {
}
