package io.headprobe.tls.model;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Everything a server accepts, learnt from a series of handshakes to one address: what a TLS scan
 * reports, and what {@link Rating} grades. Lists are in the order the server prefers where it imposes
 * one, else in IANA code order.
 *
 * @param host the name sent as SNI (null for an IP literal target)
 * @param address the address connected to, "ip:port", after the guard allowed it
 * @param complete false when the scan stopped at its deadline: what is below is what was known then
 * @param protocols accepted versions, oldest first: "SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"
 * @param suites per accepted version, the suites it accepts
 * @param groups key exchange groups accepted, by IANA name as in the TLS Supported Groups registry
 *        ("x25519", "secp256r1", "secp384r1", "secp521r1", "x448", "ffdhe2048"..., "X25519MLKEM768")
 * @param dhBits the smallest finite-field DH group the server used for a DHE suite; null when it has none
 * @param forwardSecrecy true when every accepted suite has forward secrecy; null when no suite is known
 * @param weak the weak classes present, each once: "NULL", "anonymous", "export", "RC4", "3DES",
 *        "CBC with TLS 1.0", "static RSA" (see {@link Suite#weak()})
 * @param fallbackScsv true when the server refused a downgraded hello carrying TLS_FALLBACK_SCSV;
 *        null when it accepts a single version (nothing to downgrade to)
 * @param secureRenegotiation true when the server answers with renegotiation_info (RFC 5746)
 * @param compression true when the server accepted TLS compression (CRIME)
 * @param certificate the leaf and its chain as the server sent them; null when no handshake got that far
 * @param rating the grade in the manner of SSL Labs; null when the scan found no accepted protocol
 * @param handshakes how many connections the scan made
 * @param durationMs wall time of the whole scan
 * @param error why the scan could not start or was cut short (connection refused, guard, deadline), else null
 */
@RegisterForReflection
public record TlsScan(String host, String address, boolean complete, List<String> protocols, List<ProtocolSuites> suites,
        List<String> groups, Integer dhBits, Boolean forwardSecrecy, List<String> weak, Boolean fallbackScsv,
        Boolean secureRenegotiation, Boolean compression, CertificateFacts certificate, Rating rating, int handshakes,
        double durationMs, String error) {

    /** The suites one protocol version accepts; {@code serverOrder} is null when fewer than two are accepted. */
    @RegisterForReflection
    public record ProtocolSuites(String protocol, Boolean serverOrder, List<Suite> suites) {
    }

    /**
     * One accepted suite.
     *
     * @param name the IANA name, e.g. "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
     * @param code the two-byte code, e.g. 0xC02F
     * @param keyExchange "ECDHE", "DHE", "RSA", "DH", "ECDH", "PSK", "anon", or "any" for TLS 1.3 suites
     * @param bits the symmetric cipher strength in bits (0 for NULL; 112 for 3DES)
     * @param forwardSecret true for ECDHE, DHE and every TLS 1.3 suite
     * @param weak the weak classes this suite falls in, empty when none
     */
    @RegisterForReflection
    public record Suite(String name, int code, String keyExchange, int bits, boolean forwardSecret, List<String> weak) {
    }

    /**
     * The certificate side of the scan.
     *
     * @param keyType "RSA", "EC", "Ed25519", "DSA"...
     * @param keyBits the key size (the curve size for EC)
     * @param signatureAlgorithm the leaf's signature algorithm, e.g. "SHA256withRSA"
     * @param sha1Signed true when the leaf is signed with SHA-1 (or MD5)
     * @param trusted true when the chain verified against the trust store for the host
     * @param trustError why not, as the probe's TLS verdict names it, else null
     * @param chainComplete false when an intermediate is missing (the chain does not reach a trusted root
     *        or a self-signed certificate)
     * @param chainInOrder false when the sent certificates are not each signed by the next
     * @param missingIntermediate the issuer name of the missing intermediate, else null
     * @param ocspStapled true when the server stapled an OCSP response
     * @param sct true when SCTs came in the certificate, the TLS extension or the OCSP response
     * @param daysLeft whole days until the leaf's notAfter; negative once passed
     * @param subject the leaf's subject
     * @param issuer the leaf's issuer
     */
    @RegisterForReflection
    public record CertificateFacts(String keyType, int keyBits, String signatureAlgorithm, boolean sha1Signed,
            boolean trusted, String trustError, boolean chainComplete, boolean chainInOrder, String missingIntermediate,
            boolean ocspStapled, boolean sct, long daysLeft, String subject, String issuer) {
    }
}
