package io.headprobe.tls;

import io.headprobe.tls.model.TlsScan;
import io.headprobe.tls.model.Rating;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.headprobe.tls.model.TlsScan.CertificateFacts;
import io.headprobe.tls.model.TlsScan.ProtocolSuites;
import io.headprobe.tls.model.TlsScan.Suite;

/**
 * The grade of a TLS scan in the manner of Qualys SSL Labs' SSL Server Rating Guide (version 2009q,
 * 31 January 2020) and the grading changes SSL Labs published up to then; docs/tls.md cites each
 * rule and lists where HeadProbe differs. A pure function of the facts: the same scan always gets
 * the same grade.
 */
public final class Ratings {

    /** Grades from best to worst; a cap lowers a grade to its own, never raises it. */
    private static final List<String> ORDER = List.of("A+", "A", "A-", "B", "C", "D", "E", "F");

    private Ratings() {
    }

    /**
     * @param hsts true when the site sends HSTS with a long max-age (SSL Labs' condition for A+)
     * @return null when the scan found no accepted protocol: there is nothing to grade
     */
    public static Rating rate(TlsScan facts, boolean hsts) {
        if (facts.protocols() == null || facts.protocols().isEmpty()) {
            return null;
        }
        int protocol = protocolScore(facts.protocols());
        int keyExchange = keyExchangeScore(facts);
        int cipher = cipherScore(facts.suites());
        // The guide: a zero in any category pushes the overall score to zero.
        int score = protocol == 0 || keyExchange == 0 || cipher == 0 ? 0
                : protocol * 30 / 100 + keyExchange * 30 / 100 + cipher * 40 / 100;
        Caps caps = new Caps();
        protocolCaps(facts, caps);
        keyCaps(facts, keyExchange, caps);
        suiteCaps(facts, caps);
        optionCaps(facts, caps);
        String grade = caps.lowest(letter(score));
        if (grade.equals("A")) {
            if (!caps.warnings.isEmpty()) {
                grade = "A-";
            } else if (hsts && !caps.noPlus) {
                grade = "A+";
            }
        }
        caps.trust(facts.certificate());
        return new Rating(caps.outOfScope == null ? grade : caps.outOfScope, score, protocol, keyExchange, cipher,
                List.copyOf(caps.named));
    }

    /** Table 1 of the guide. */
    static String letter(int score) {
        if (score >= 80) {
            return "A";
        }
        if (score >= 65) {
            return "B";
        }
        if (score >= 50) {
            return "C";
        }
        if (score >= 35) {
            return "D";
        }
        return score >= 20 ? "E" : "F";
    }

    /** The guide's protocol table, TLS 1.3 scored as TLS 1.2; the category is (best + worst) / 2. */
    static int protocolScore(List<String> protocols) {
        int best = 0;
        int worst = 100;
        for (String protocol : protocols) {
            int points = switch (protocol) {
                case "SSLv2" -> 0;
                case "SSLv3" -> 80;
                case "TLSv1" -> 90;
                case "TLSv1.1" -> 95;
                default -> 100;
            };
            best = Math.max(best, points);
            worst = Math.min(worst, points);
        }
        return (best + worst) / 2;
    }

    /**
     * The guide's key exchange table, on the weaker of the certificate's key and the server's
     * finite-field DH group; an anonymous suite scores 0, an export suite at most 40 (512 bits).
     */
    static int keyExchangeScore(TlsScan facts) {
        if (has(facts, "anonymous")) {
            return 0;
        }
        int score = 100;
        CertificateFacts certificate = facts.certificate();
        if (certificate != null) {
            score = Math.min(score, keyScore(certificate.keyType(), certificate.keyBits()));
        }
        if (facts.dhBits() != null) {
            score = Math.min(score, keyScore("DH", facts.dhBits()));
        }
        if (has(facts, "export")) {
            score = Math.min(score, 40);
        }
        return score;
    }

    /** Bits of an RSA, DSA or DH key; an EC key is read on the curve-size scale of equal strength. */
    static int keyScore(String type, int bits) {
        boolean elliptic = type != null && (type.equals("EC") || type.startsWith("Ed") || type.startsWith("X"));
        int[] limits = elliptic ? new int[] { 110, 123, 163, 225 } : new int[] { 512, 1024, 2048, 4096 };
        int[] scores = { 20, 40, 80, 90 };
        for (int i = 0; i < limits.length; i++) {
            if (bits < limits[i]) {
                return scores[i];
            }
        }
        return 100;
    }

    /** The guide's cipher table on the strongest and weakest suite; the category is (best + worst) / 2. */
    static int cipherScore(List<ProtocolSuites> suites) {
        int best = -1;
        int worst = Integer.MAX_VALUE;
        for (Suite suite : all(suites)) {
            best = Math.max(best, keyLength(suite));
            worst = Math.min(worst, keyLength(suite));
        }
        if (best < 0) {
            // No suite known (the scan stopped early): the category can't lower the grade.
            return 100;
        }
        return (cipherPoints(best) + cipherPoints(worst)) / 2;
    }

    /**
     * The guide scores a cipher by its key length and names 168 (3DES) among the lengths under
     * 256 bits, where {@link Suite#bits()} holds 3DES' effective 112.
     */
    private static int keyLength(Suite suite) {
        return suite.weak().contains("3DES") ? 168 : suite.bits();
    }

    private static int cipherPoints(int bits) {
        if (bits == 0) {
            return 0;
        }
        return bits < 128 ? 20 : bits < 256 ? 80 : 100;
    }

    private static void protocolCaps(TlsScan facts, Caps caps) {
        List<String> protocols = facts.protocols();
        if (protocols.contains("SSLv2")) {
            caps.cap("F", "SSLv2 accepted: F");
        }
        if (protocols.contains("SSLv3")) {
            caps.cap("B", "SSLv3 accepted: capped at B");
            if (!protocols.contains("TLSv1") && !protocols.contains("TLSv1.1") && !modern(protocols)) {
                caps.cap("F", "SSLv3 is the best protocol accepted: F");
            }
        }
        if (protocols.contains("TLSv1") || protocols.contains("TLSv1.1")) {
            caps.cap("B", "TLS 1.0 or 1.1 accepted: capped at B");
        }
        if (!modern(protocols)) {
            caps.cap("C", "TLS 1.2 not accepted: capped at C");
        }
        if (!protocols.contains("TLSv1.3")) {
            caps.warn("TLS 1.3 not accepted: capped at A-");
        }
    }

    private static boolean modern(List<String> protocols) {
        return protocols.contains("TLSv1.2") || protocols.contains("TLSv1.3");
    }

    private static void keyCaps(TlsScan facts, int keyExchange, Caps caps) {
        CertificateFacts certificate = facts.certificate();
        String key = certificate == null ? null : certificate.keyType() + " " + certificate.keyBits();
        String dh = facts.dhBits() == null ? null : "DH group of " + facts.dhBits() + " bits";
        String which = key != null && dh != null ? key + " / " + dh : key != null ? key : dh;
        if (has(facts, "anonymous")) {
            caps.cap("F", "anonymous key exchange accepted: F");
        } else if (keyExchange <= 40) {
            caps.cap("F", "insecure key (" + which + ", under 1024 bits or export): F");
        } else if (keyExchange <= 80) {
            caps.cap("B", "weak key (" + which + ", under 2048 bits): capped at B");
        }
    }

    private static void suiteCaps(TlsScan facts, Caps caps) {
        List<Suite> suites = all(facts.suites());
        if (suites.isEmpty()) {
            return;
        }
        if (has(facts, "export")) {
            caps.cap("F", "export suite accepted: F");
        }
        if (suites.stream().anyMatch(suite -> suite.bits() < 112)) {
            caps.cap("F", "suite weaker than 112 bits accepted (NULL, DES, export): F");
        }
        if (suites.stream().noneMatch(Suite::forwardSecret)) {
            caps.cap("B", "no forward secrecy: capped at B");
        }
        if (suites.stream().noneMatch(Ratings::aead)) {
            caps.cap("B", "no AEAD suite: capped at B");
        }
        if (onModern(facts.suites(), "RC4")) {
            caps.cap("C", "RC4 with TLS 1.1 or later: capped at C");
        } else if (has(facts, "RC4")) {
            caps.cap("B", "RC4 accepted: capped at B");
        }
        if (onModern(facts.suites(), "3DES")) {
            caps.cap("C", "3DES (64-bit block) with TLS 1.1 or later: capped at C");
        }
    }

    private static void optionCaps(TlsScan facts, Caps caps) {
        if (Boolean.TRUE.equals(facts.compression())) {
            caps.cap("C", "TLS compression accepted (CRIME): capped at C");
        }
        if (Boolean.FALSE.equals(facts.fallbackScsv())) {
            caps.named.add("TLS_FALLBACK_SCSV not honoured: no A+");
            caps.noPlus = true;
        }
        if (Boolean.FALSE.equals(facts.secureRenegotiation())) {
            caps.warn("no secure renegotiation (RFC 5746): capped at A-");
        }
        CertificateFacts certificate = facts.certificate();
        if (certificate != null && certificate.signatureAlgorithm() != null
                && certificate.signatureAlgorithm().toUpperCase(Locale.ROOT).contains("MD5")) {
            caps.cap("F", "certificate signed with MD5: F");
        }
    }

    /** AES-GCM, AES-CCM, ChaCha20-Poly1305, and every TLS 1.3 suite. */
    static boolean aead(Suite suite) {
        String name = suite.name();
        return name.contains("_GCM_") || name.endsWith("_GCM") || name.contains("_CCM")
                || name.contains("CHACHA20_POLY1305") || "any".equals(suite.keyExchange());
    }

    private static boolean onModern(List<ProtocolSuites> suites, String weak) {
        return suites != null && suites.stream()
                .filter(p -> p.protocol().equals("TLSv1.1") || p.protocol().equals("TLSv1.2"))
                .flatMap(p -> p.suites().stream())
                .anyMatch(suite -> suite.weak().contains(weak));
    }

    private static boolean has(TlsScan facts, String weak) {
        return facts.weak() != null && facts.weak().contains(weak)
                || all(facts.suites()).stream().anyMatch(suite -> suite.weak().contains(weak));
    }

    private static List<Suite> all(List<ProtocolSuites> suites) {
        return suites == null ? List.of() : suites.stream().flatMap(p -> p.suites().stream()).toList();
    }

    /** The caps and warnings that applied, in the order they were found. */
    private static final class Caps {
        final List<String> named = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        String lowest = "A+";
        String outOfScope;
        boolean noPlus;

        void cap(String grade, String why) {
            named.add(why);
            if (ORDER.indexOf(grade) > ORDER.indexOf(lowest)) {
                lowest = grade;
            }
        }

        /** An SSL Labs warning: an A becomes A- (and no A+). */
        void warn(String why) {
            named.add(why);
            warnings.add(why);
        }

        String lowest(String scored) {
            return ORDER.indexOf(scored) >= ORDER.indexOf(lowest) ? scored : lowest;
        }

        /**
         * Outside the A-F scale: a name mismatch is M, any other trust failure (SHA-1 signed
         * leaves included, which browsers no longer trust) T. The letter grade is still in the
         * score and the other caps.
         */
        void trust(CertificateFacts certificate) {
            if (certificate == null) {
                return;
            }
            if (certificate.sha1Signed() && !certificate.signatureAlgorithm().toUpperCase(Locale.ROOT).contains("MD5")) {
                named.add("certificate signed with SHA-1: T");
                outOfScope = "T";
            }
            if (!certificate.trusted()) {
                if ("HOSTNAME_MISMATCH".equals(certificate.trustError())) {
                    named.add("certificate name mismatch: M");
                    outOfScope = outOfScope == null ? "M" : outOfScope;
                } else {
                    named.add("certificate not trusted (" + certificate.trustError() + "): T");
                    outOfScope = "T";
                }
            }
        }
    }
}
