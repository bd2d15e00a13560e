package io.headprobe.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of POST /audit. */
@RegisterForReflection
public record AuditReport(String url, Audit audit) {
}
