package io.headprobe.probe;

/** Why a target has no response to show. An HTTP 4xx/5xx is a response, not an error. */
public enum ErrorCode {
    INVALID_TARGET,
    BLOCKED_ADDRESS,
    DNS_FAILURE,
    DNS_NXDOMAIN,
    CONNECT_FAILED,
    TIMEOUT,
    TLS_FAILURE,
    PROTOCOL_ERROR,
    HEADERS_TOO_LARGE,
    TOO_MANY_REDIRECTS,
    /** A scan's target whose chunk failed on every claim (headprobe.scan.max-claims): never fetched. */
    NOT_PROBED
}
