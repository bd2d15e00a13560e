package io.headprobe.probe;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.security.auth.x500.X500Principal;

/** Turns a server's certificate chain and the verifier's verdict into {@link TlsInfo}. Pure functions. */
final class TlsFacts {

    private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private TlsFacts() {
    }

    static TlsInfo of(String protocol, String cipher, String alpn, X509Certificate[] chain, CertificateException failure,
            Instant now) {
        List<TlsInfo.Certificate> certificates = Arrays.stream(chain).map(TlsFacts::certificate).toList();
        Long daysLeft = Arrays.stream(chain).map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo)
                .map(notAfter -> Math.floorDiv(notAfter.getEpochSecond() - now.getEpochSecond(), SECONDS_PER_DAY))
                .orElse(null);
        TlsVerifyError error = failure == null ? null : classify(failure, chain, now);
        String message = failure == null ? null : message(error, failure, chain, now);
        return new TlsInfo(protocol, cipher, alpn, failure == null, error, message, daysLeft, certificates);
    }

    /**
     * The JDK's verifier checks the chain first (PKIX: issuer, validity dates) and only then the
     * host name, so a host name error means the chain itself was fine. A chain failure is told
     * apart by looking at the chain: dates first, since an expired certificate is the commonest
     * and most actionable reason, then a lone self-issued certificate, then an issuer nobody trusts.
     */
    static TlsVerifyError classify(CertificateException failure, X509Certificate[] chain, Instant now) {
        if (isHostNameFailure(failure)) {
            return TlsVerifyError.HOSTNAME_MISMATCH;
        }
        for (X509Certificate certificate : chain) {
            if (certificate.getNotAfter().toInstant().isBefore(now)) {
                return TlsVerifyError.EXPIRED;
            }
            if (certificate.getNotBefore().toInstant().isAfter(now)) {
                return TlsVerifyError.NOT_YET_VALID;
            }
        }
        if (hasCause(failure, CertificateExpiredException.class)) {
            return TlsVerifyError.EXPIRED;
        }
        if (hasCause(failure, CertificateNotYetValidException.class)) {
            return TlsVerifyError.NOT_YET_VALID;
        }
        if (chain.length == 1 && chain[0].getSubjectX500Principal().equals(chain[0].getIssuerX500Principal())) {
            return TlsVerifyError.SELF_SIGNED;
        }
        if (mentions(failure, "PKIX path building failed") || mentions(failure, "unable to find valid certification path")) {
            return TlsVerifyError.UNKNOWN_ISSUER;
        }
        return TlsVerifyError.OTHER;
    }

    private static String message(TlsVerifyError error, CertificateException failure, X509Certificate[] chain, Instant now) {
        X509Certificate leaf = chain.length > 0 ? chain[0] : null;
        return switch (error) {
            case EXPIRED -> "certificate expired on " + Arrays.stream(chain).map(c -> c.getNotAfter().toInstant())
                    .filter(notAfter -> notAfter.isBefore(now)).min(Instant::compareTo).orElseThrow();
            case NOT_YET_VALID -> "certificate not valid before " + Arrays.stream(chain).map(c -> c.getNotBefore().toInstant())
                    .filter(notBefore -> notBefore.isAfter(now)).max(Instant::compareTo).orElseThrow();
            case HOSTNAME_MISMATCH -> "certificate is for " + (leaf == null ? "another name" : String.join(", ", sans(leaf)))
                    + ", not this host (" + failure.getMessage() + ")";
            case SELF_SIGNED -> "self-signed certificate (" + (leaf == null ? "" : name(leaf.getSubjectX500Principal())) + ")";
            case UNKNOWN_ISSUER -> "certificate issued by an unknown authority ("
                    + (chain.length == 0 ? "" : name(chain[chain.length - 1].getIssuerX500Principal())) + ")";
            case OTHER -> "certificate not trusted: " + failure.getMessage();
        };
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
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            return null;
        }
    }

    private static boolean isHostNameFailure(CertificateException failure) {
        // sun.security.util.HostnameChecker's wording; the exception type is a plain CertificateException.
        return mentions(failure, "No subject alternative") || mentions(failure, "No name matching");
    }

    private static boolean mentions(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
