package io.headprobe.probe;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one TLS handshake showed: the negotiated protocol, cipher and ALPN protocol, whether the
 * chain verified (and why not), and the chain itself, leaf first. Present also when verification
 * failed, as long as the server got as far as sending its certificates.
 *
 * @param daysLeft whole days until the leaf's notAfter; negative once it has passed
 */
@RegisterForReflection
public record TlsInfo(String protocol, String cipher, String alpn, boolean verified, TlsVerifyError verifyError,
        String verifyMessage, Long daysLeft, List<Certificate> certificates) {

    @RegisterForReflection
    public record Certificate(String subject, String issuer, List<String> sans, String notBefore, String notAfter,
            String serial, String sha256, String publicKey, String signatureAlgorithm) {
    }
}
