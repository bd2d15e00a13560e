package io.headprobe.scan;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What GET /scans/{id}/diff compares of one target's result. TLS days left are compared by bucket,
 * so that a certificate ageing by a day is no change but one crossing into the last month is:
 * "expired" (below 0), "<7", "<30", ">=30", and "none" (no TLS, or no certificate seen).
 * V2__scan_diff.sql's tls_days_left_bucket() is the same function for the PostgreSQL store.
 * {@code title} and {@code bodySha256} are the body's facts: null where the body was not read.
 * {@code tlsGrade}, {@code tlsProtocols} and {@code tlsWeak} are the TLS scan's grade, accepted
 * protocols and weak suite classes: null where no TLS scan was made.
 */
@RegisterForReflection
public record ResultSummary(Integer status, String error, String grade, String tlsDaysLeftBucket, String title,
        String bodySha256, String tlsGrade, List<String> tlsProtocols, List<String> tlsWeak) {

    /** A summary without a TLS scan. */
    public ResultSummary(Integer status, String error, String grade, String tlsDaysLeftBucket, String title,
            String bodySha256) {
        this(status, error, grade, tlsDaysLeftBucket, title, bodySha256, null, null, null);
    }

    /** A TLS scan was made: even one that found nothing lists its (empty) protocols. */
    boolean scannedTls() {
        return tlsProtocols != null;
    }

    /** Its body was read: a read body is hashed, even an empty one. */
    boolean readBody() {
        return bodySha256 != null;
    }

    static String tlsDaysLeftBucket(Integer daysLeft) {
        if (daysLeft == null) {
            return "none";
        }
        if (daysLeft < 0) {
            return "expired";
        }
        return daysLeft < 7 ? "<7" : daysLeft < 30 ? "<30" : ">=30";
    }
}
