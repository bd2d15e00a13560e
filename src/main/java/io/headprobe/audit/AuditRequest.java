package io.headprobe.audit;

import java.util.List;

import io.headprobe.http.Header;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of POST /audit: the page's URL and its response headers, in order, names may repeat. */
@RegisterForReflection
public record AuditRequest(String url, List<Header> headers) {
}
