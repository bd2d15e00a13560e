package io.headprobe.probe;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

/** Turns a server's certificate chain and the verifier's verdict into {@link TlsInfo}. Pure functions. */
final class TlsFacts {

    private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private TlsFacts() {
    }

    /** A chain the JDK refused, and why, as {@link TlsVerifyError} says it; the message is for people. */
    static final class Refusal extends CertificateException {
        final TlsVerifyError error;

        Refusal(TlsVerifyError error, String message, Throwable cause) {
            super(message, cause);
            this.error = error;
        }
    }

    /** @param failure null when the chain verified; a {@link Refusal} says why, anything else is OTHER */
    static TlsInfo of(String protocol, String cipher, String alpn, X509Certificate[] chain, CertificateException failure,
            Instant now) {
        List<TlsInfo.Certificate> certificates = Arrays.stream(chain).map(TlsFacts::certificate).toList();
        Long daysLeft = chain.length == 0 ? null
                : Math.floorDiv(chain[0].getNotAfter().toInstant().getEpochSecond() - now.getEpochSecond(), SECONDS_PER_DAY);
        TlsVerifyError error = failure == null ? null
                : failure instanceof Refusal refusal ? refusal.error : TlsVerifyError.OTHER;
        String message = failure == null ? null
                : failure instanceof Refusal ? failure.getMessage() : "certificate not trusted: " + failure.getMessage();
        return new TlsInfo(protocol, cipher, alpn, failure == null, error, message, daysLeft, certificates);
    }

    /**
     * Why the JDK refused {@code chain}. The JDK checks the chain first and the host name last, so
     * a chain that passes its check without the host name failed on the name. Otherwise the path
     * the chain leads on from the leaf to a trusted root is validated (PKIX, as the JDK does) and
     * the validator's reason is the answer: only a certificate on that path counts, and a path
     * that reaches no trusted root says so before any date does.
     *
     * @param chainAloneTrusted whether the chain passed the JDK's check without the host name
     */
    static Refusal explain(CertificateException failure, X509Certificate[] chain, boolean chainAloneTrusted,
            Set<TrustAnchor> anchors, Instant now) {
        X509Certificate leaf = chain[0];
        if (chainAloneTrusted) {
            return new Refusal(TlsVerifyError.HOSTNAME_MISMATCH, "certificate is for " + String.join(", ", sans(leaf))
                    + ", not this host (" + failure.getMessage() + ")", failure);
        }
        List<X509Certificate> path = path(chain, anchors, now);
        CertPathValidatorException refused = validate(path, anchors, now);
        if (refused == null) {
            // The path validates, yet the JDK refused the chain (a key usage, say): its own words then.
            return new Refusal(TlsVerifyError.OTHER, "certificate not trusted: " + failure.getMessage(), failure);
        }
        X509Certificate at = refused.getIndex() >= 0 && refused.getIndex() < path.size() ? path.get(refused.getIndex()) : leaf;
        CertPathValidatorException.Reason reason = refused.getReason();
        // The leaf goes without saying; another certificate of the path is named.
        String which = at == leaf ? "" : " (" + name(at.getSubjectX500Principal()) + ")";
        if (reason == BasicReason.EXPIRED) {
            return new Refusal(TlsVerifyError.EXPIRED, "certificate expired on " + at.getNotAfter().toInstant() + which,
                    failure);
        }
        if (reason == BasicReason.NOT_YET_VALID) {
            return new Refusal(TlsVerifyError.NOT_YET_VALID,
                    "certificate not valid before " + at.getNotBefore().toInstant() + which, failure);
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR && path.size() == 1 && selfIssued(leaf)) {
            return new Refusal(TlsVerifyError.SELF_SIGNED,
                    "self-signed certificate (" + name(leaf.getSubjectX500Principal()) + ")", failure);
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            return new Refusal(TlsVerifyError.UNKNOWN_ISSUER, "certificate issued by an unknown authority ("
                    + name(path.get(path.size() - 1).getIssuerX500Principal()) + ")", failure);
        }
        return new Refusal(TlsVerifyError.OTHER, "certificate not trusted: " + refused.getMessage(), failure);
    }

    /** PKIX validation of {@code path} (leaf first) at {@code now}, without revocation: null when it passes. */
    private static CertPathValidatorException validate(List<X509Certificate> path, Set<TrustAnchor> anchors, Instant now) {
        if (anchors.isEmpty()) {
            return new CertPathValidatorException("no trusted root", null, null, -1, PKIXReason.NO_TRUST_ANCHOR);
        }
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return null;
        } catch (CertPathValidatorException e) {
            return e;
        } catch (GeneralSecurityException e) {
            return new CertPathValidatorException(e.getMessage(), e);
        }
    }

    /**
     * The path from the leaf through the presented certificates, leaf first, up to the first one
     * a trusted root signed (or that is trusted itself), or as far as it goes. At each step an
     * issuer whose key verifies the signature comes first, and of those one valid now, as a path
     * builder would choose; certificates sent but not on the way (an old cross-sign) stay out.
     */
    static List<X509Certificate> path(X509Certificate[] chain, Set<TrustAnchor> anchors, Instant now) {
        List<X509Certificate> path = new ArrayList<>(List.of(chain[0]));
        X509Certificate current = chain[0];
        while (!anchored(current, anchors) && !selfIssued(current)) {
            X509Certificate issuer = null;
            int best = 0;
            for (X509Certificate candidate : chain) {
                if (path.contains(candidate) || !candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    continue;
                }
                int score = 1 + (signedBy(current, candidate.getPublicKey()) ? 2 : 0) + (validAt(candidate, now) ? 1 : 0);
                if (score > best) {
                    issuer = candidate;
                    best = score;
                }
            }
            if (issuer == null) {
                break;
            }
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    /**
     * The issuer of the certificate the chain lacks: the path from the leaf through the sent
     * certificates ends neither at a trusted root nor at a self-signed certificate. Null when
     * the chain is complete.
     */
    static String missingIssuer(X509Certificate[] chain, Set<TrustAnchor> anchors, Instant now) {
        List<X509Certificate> path = path(chain, anchors, now);
        X509Certificate last = path.get(path.size() - 1);
        return anchored(last, anchors) || selfIssued(last) ? null : name(last.getIssuerX500Principal());
    }

    private static boolean anchored(X509Certificate certificate, Set<TrustAnchor> anchors) {
        for (TrustAnchor anchor : anchors) {
            X509Certificate trusted = anchor.getTrustedCert();
            if (trusted != null && (trusted.equals(certificate)
                    || trusted.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && signedBy(certificate, trusted.getPublicKey()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean signedBy(X509Certificate certificate, PublicKey key) {
        try {
            certificate.verify(key);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean validAt(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    private static boolean selfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    static TlsInfo.Certificate certificate(X509Certificate c) {
        return new TlsInfo.Certificate(name(c.getSubjectX500Principal()), name(c.getIssuerX500Principal()), sans(c),
                c.getNotBefore().toInstant().toString(), c.getNotAfter().toInstant().toString(),
                c.getSerialNumber().toString(16), sha256(c), publicKey(c.getPublicKey()), c.getSigAlgName());
    }

    /** "RSA 2048", "EC P-256", "Ed25519". */
    static String publicKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return "EC " + switch (bits) {
                case 256, 384 -> "P-" + bits;
                case 521 -> "P-521";
                default -> bits + " bits";
            };
        }
        if (key instanceof DSAPublicKey dsa) {
            return "DSA " + dsa.getParams().getP().bitLength();
        }
        return key.getAlgorithm();
    }

    /** The DNS names and IP addresses the certificate is for. */
    static List<String> sans(X509Certificate c) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = c.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    int type = (Integer) alternative.get(0);
                    if (type == 2 || type == 7) { // dNSName, iPAddress
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // An unreadable extension: report no names rather than fail the whole result.
        }
        return List.copyOf(names);
    }

    private static String name(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253);
    }

    private static String sha256(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return null;
        }
    }
}
