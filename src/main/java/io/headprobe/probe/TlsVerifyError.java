package io.headprobe.probe;

/** Why a certificate chain did not verify. */
public enum TlsVerifyError {
    EXPIRED,
    NOT_YET_VALID,
    HOSTNAME_MISMATCH,
    SELF_SIGNED,
    UNKNOWN_ISSUER,
    OTHER
}
