package io.headprobe.tls;

import io.headprobe.tls.model.TlsScan;
import io.headprobe.tls.model.Rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.headprobe.tls.model.TlsScan.CertificateFacts;
import io.headprobe.tls.model.TlsScan.ProtocolSuites;
import io.headprobe.tls.model.TlsScan.Suite;

/**
 * The grade as the SSL Server Rating Guide (2009q) and SSL Labs' published grading changes give
 * it, from facts a scan could report: the guide's worked example, then each cap on its own, each
 * time changing one fact of a server that otherwise earns an A.
 */
class RatingsTest {

    static final Suite TLS13_AES128 = new Suite("TLS_AES_128_GCM_SHA256", 0x1301, "any", 128, true, List.of());
    static final Suite TLS13_AES256 = new Suite("TLS_AES_256_GCM_SHA384", 0x1302, "any", 256, true, List.of());
    static final Suite ECDHE_GCM128 = new Suite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC02F, "ECDHE", 128, true,
            List.of());
    static final Suite ECDHE_GCM256 = new Suite("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xC030, "ECDHE", 256, true,
            List.of());
    static final Suite ECDHE_CBC256 = new Suite("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 0xC014, "ECDHE", 256, true,
            List.of());
    static final Suite ECDHE_CBC128 = new Suite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC013, "ECDHE", 128, true,
            List.of());
    static final Suite DHE_GCM128 = new Suite("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 0x009E, "DHE", 128, true, List.of());
    static final Suite RSA_GCM128 = new Suite("TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009C, "RSA", 128, false,
            List.of("static RSA"));
    static final Suite RSA_CBC256 = new Suite("TLS_RSA_WITH_AES_256_CBC_SHA", 0x0035, "RSA", 256, false,
            List.of("static RSA"));
    static final Suite RSA_3DES = new Suite("TLS_RSA_WITH_3DES_EDE_CBC_SHA", 0x000A, "RSA", 112, false,
            List.of("3DES", "static RSA"));
    static final Suite RSA_RC4 = new Suite("TLS_RSA_WITH_RC4_128_SHA", 0x0005, "RSA", 128, false,
            List.of("RC4", "static RSA"));
    static final Suite EXPORT_RC4 = new Suite("TLS_RSA_EXPORT_WITH_RC4_40_MD5", 0x0003, "RSA", 40, false,
            List.of("export", "RC4", "static RSA"));
    static final Suite ANON = new Suite("TLS_DH_anon_WITH_AES_128_GCM_SHA256", 0x00A6, "anon", 128, false,
            List.of("anonymous"));
    static final Suite NULL = new Suite("TLS_ECDHE_RSA_WITH_NULL_SHA", 0xC010, "ECDHE", 0, true, List.of("NULL"));

    static final CertificateFacts RSA_2048 = certificate("RSA", 2048, "SHA256withRSA", true, null);

    /**
     * TLS 1.2 and 1.3, ECDHE and TLS 1.3 suites only, all AEAD, an RSA 2048 leaf that verifies,
     * secure renegotiation, no compression: protocol 100, key exchange 90, cipher (100 + 80) / 2 =
     * 90, score 30 + 27 + 36 = 93, an A (A+ with HSTS).
     */
    static TlsScan good() {
        return scan(List.of(
                new ProtocolSuites("TLSv1.2", true, List.of(ECDHE_GCM256, ECDHE_GCM128)),
                new ProtocolSuites("TLSv1.3", true, List.of(TLS13_AES256, TLS13_AES128))), RSA_2048, null);
    }

    @Test
    void aGoodServerGetsAPlusWithHstsAndAWithout() {
        Rating withHsts = Ratings.rate(good(), true);
        assertEquals(new Rating("A+", 93, 100, 90, 90, List.of()), withHsts);
        assertEquals("A", Ratings.rate(good(), false).grade());
    }

    /**
     * The guide's arithmetic on the server of a question on Qualys' forum (thread 17499), whose
     * SSL Labs report showed protocol 95, key exchange 90, cipher 90: TLS 1.2 and 1.0, RSA 2048,
     * AES-256 down to 3DES. The guide's cipher table scores 3DES by its 168-bit key (80 %), hence
     * (100 + 80) / 2 = 90; TLS 1.0 caps it at B.
     */
    @Test
    void theGuidesArithmeticMatchesAPublishedReport() {
        TlsScan facts = scan(List.of(
                new ProtocolSuites("TLSv1", true, List.of(ECDHE_CBC256, RSA_3DES)),
                new ProtocolSuites("TLSv1.2", true, List.of(ECDHE_GCM256, ECDHE_CBC256, RSA_3DES))), RSA_2048, null);
        Rating rating = Ratings.rate(facts, false);
        assertEquals(95, rating.protocolScore());
        assertEquals(90, rating.keyExchangeScore());
        assertEquals(90, rating.cipherScore());
        assertEquals(28 + 27 + 36, rating.score());
        assertEquals("C", rating.grade(), "3DES with TLS 1.2 caps at C, below TLS 1.0's B");
        assertEquals(List.of("TLS 1.0 or 1.1 accepted: capped at B", "TLS 1.3 not accepted: capped at A-",
                "3DES (64-bit block) with TLS 1.1 or later: capped at C"), rating.caps());
    }

    /** Tables 1-4 of the guide, cell by cell. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void guideTables(String what, int expected, int actual) {
        assertEquals(expected, actual, what);
    }

    static Stream<Arguments> tables() {
        return Stream.of(
                Arguments.of("score 80 is A", 0, "A".compareTo(Ratings.letter(80))),
                Arguments.of("score 79 is B", 0, "B".compareTo(Ratings.letter(79))),
                Arguments.of("score 65 is B", 0, "B".compareTo(Ratings.letter(65))),
                Arguments.of("score 50 is C", 0, "C".compareTo(Ratings.letter(50))),
                Arguments.of("score 35 is D", 0, "D".compareTo(Ratings.letter(35))),
                Arguments.of("score 20 is E", 0, "E".compareTo(Ratings.letter(20))),
                Arguments.of("score 19 is F", 0, "F".compareTo(Ratings.letter(19))),
                Arguments.of("SSLv2 alone", 0, Ratings.protocolScore(List.of("SSLv2"))),
                Arguments.of("SSLv3 alone", 80, Ratings.protocolScore(List.of("SSLv3"))),
                Arguments.of("TLS 1.0 alone", 90, Ratings.protocolScore(List.of("TLSv1"))),
                Arguments.of("TLS 1.1 alone", 95, Ratings.protocolScore(List.of("TLSv1.1"))),
                Arguments.of("TLS 1.2 alone", 100, Ratings.protocolScore(List.of("TLSv1.2"))),
                Arguments.of("TLS 1.3 alone", 100, Ratings.protocolScore(List.of("TLSv1.3"))),
                Arguments.of("SSLv2 to TLS 1.2", 50, Ratings.protocolScore(List.of("SSLv2", "TLSv1.2"))),
                Arguments.of("TLS 1.0 to 1.2", 95, Ratings.protocolScore(List.of("TLSv1", "TLSv1.1", "TLSv1.2"))),
                Arguments.of("RSA 511", 20, Ratings.keyScore("RSA", 511)),
                Arguments.of("RSA 512", 40, Ratings.keyScore("RSA", 512)),
                Arguments.of("RSA 1024", 80, Ratings.keyScore("RSA", 1024)),
                Arguments.of("RSA 2048", 90, Ratings.keyScore("RSA", 2048)),
                Arguments.of("RSA 4096", 100, Ratings.keyScore("RSA", 4096)),
                Arguments.of("DH 1024", 80, Ratings.keyScore("DH", 1024)),
                Arguments.of("EC 256", 100, Ratings.keyScore("EC", 256)),
                Arguments.of("EC 160", 80, Ratings.keyScore("EC", 160)),
                Arguments.of("cipher 256 only", 100, Ratings.cipherScore(only(ECDHE_GCM256))),
                Arguments.of("cipher 128 only", 80, Ratings.cipherScore(only(ECDHE_GCM128))),
                Arguments.of("cipher 40 and 256", 60, Ratings.cipherScore(only(EXPORT_RC4, ECDHE_GCM256))),
                Arguments.of("NULL and 128", 40, Ratings.cipherScore(only(NULL, ECDHE_GCM128))));
    }

    /** Each cap alone: one fact of {@link #good()} changed, the grade and the cap's name that results. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("caps")
    void eachCap(String fact, UnaryOperator<TlsScan> change, String grade, String cap) {
        Rating rating = Ratings.rate(change.apply(good()), true);
        assertEquals(grade, rating.grade(), fact + ": " + rating);
        assertTrue(rating.caps().contains(cap), fact + ": " + rating.caps());
    }

    static Stream<Arguments> caps() {
        return Stream.of(
                cap("SSLv2 accepted", s -> addProtocol(s, "SSLv2", ECDHE_GCM128), "F", "SSLv2 accepted: F"),
                cap("SSLv3 accepted", s -> addProtocol(s, "SSLv3", ECDHE_CBC128), "B", "SSLv3 accepted: capped at B"),
                cap("SSLv3 the best", s -> scan(List.of(new ProtocolSuites("SSLv3", true, List.of(ECDHE_CBC128))),
                        RSA_2048, null), "F", "SSLv3 is the best protocol accepted: F"),
                cap("TLS 1.0 accepted", s -> addProtocol(s, "TLSv1", ECDHE_CBC128), "B",
                        "TLS 1.0 or 1.1 accepted: capped at B"),
                cap("TLS 1.1 accepted", s -> addProtocol(s, "TLSv1.1", ECDHE_CBC128), "B",
                        "TLS 1.0 or 1.1 accepted: capped at B"),
                cap("TLS 1.2 missing", s -> scan(List.of(new ProtocolSuites("TLSv1.1", true, List.of(ECDHE_GCM128))),
                        RSA_2048, null), "C", "TLS 1.2 not accepted: capped at C"),
                cap("TLS 1.3 missing", s -> scan(List.of(s.suites().get(0)), RSA_2048, null), "A-",
                        "TLS 1.3 not accepted: capped at A-"),
                cap("no forward secrecy", s -> scan(List.of(new ProtocolSuites("TLSv1.2", true,
                        List.of(RSA_GCM128))), RSA_2048, null), "B", "no forward secrecy: capped at B"),
                cap("no AEAD", s -> scan(List.of(new ProtocolSuites("TLSv1.2", true, List.of(ECDHE_CBC256,
                        ECDHE_CBC128))), RSA_2048, null), "B", "no AEAD suite: capped at B"),
                cap("RC4 with TLS 1.2", s -> addSuite(s, "TLSv1.2", RSA_RC4), "C", "RC4 with TLS 1.1 or later: capped at C"),
                cap("RC4 with TLS 1.0 only", s -> addProtocol(s, "TLSv1", RSA_RC4), "B", "RC4 accepted: capped at B"),
                cap("3DES with TLS 1.2", s -> addSuite(s, "TLSv1.2", RSA_3DES), "C",
                        "3DES (64-bit block) with TLS 1.1 or later: capped at C"),
                cap("export suite", s -> addSuite(s, "TLSv1.2", EXPORT_RC4), "F", "export suite accepted: F"),
                cap("NULL suite", s -> addSuite(s, "TLSv1.2", NULL), "F",
                        "suite weaker than 112 bits accepted (NULL, DES, export): F"),
                cap("anonymous suite", s -> addSuite(s, "TLSv1.2", ANON), "F", "anonymous key exchange accepted: F"),
                cap("DH group of 1024 bits", s -> withDh(addSuite(s, "TLSv1.2", DHE_GCM128), 1024), "B",
                        "weak key (RSA 2048 / DH group of 1024 bits, under 2048 bits): capped at B"),
                cap("DH group of 768 bits", s -> withDh(addSuite(s, "TLSv1.2", DHE_GCM128), 768), "F",
                        "insecure key (RSA 2048 / DH group of 768 bits, under 1024 bits or export): F"),
                cap("RSA 1024 leaf", s -> withCertificate(s, certificate("RSA", 1024, "SHA256withRSA", true, null)), "B",
                        "weak key (RSA 1024, under 2048 bits): capped at B"),
                cap("RSA 512 leaf", s -> withCertificate(s, certificate("RSA", 512, "SHA256withRSA", true, null)), "F",
                        "insecure key (RSA 512, under 1024 bits or export): F"),
                cap("SHA-1 signed leaf", s -> withCertificate(s, certificate("RSA", 2048, "SHA1withRSA", true, null)),
                        "T", "certificate signed with SHA-1: T"),
                cap("MD5 signed leaf", s -> withCertificate(s, certificate("RSA", 2048, "MD5withRSA", true, null)),
                        "F", "certificate signed with MD5: F"),
                cap("untrusted chain", s -> withCertificate(s, certificate("RSA", 2048, "SHA256withRSA", false,
                        "UNKNOWN_ISSUER")), "T", "certificate not trusted (UNKNOWN_ISSUER): T"),
                cap("expired leaf", s -> withCertificate(s, certificate("RSA", 2048, "SHA256withRSA", false, "EXPIRED")),
                        "T", "certificate not trusted (EXPIRED): T"),
                cap("name mismatch", s -> withCertificate(s, certificate("RSA", 2048, "SHA256withRSA", false,
                        "HOSTNAME_MISMATCH")), "M", "certificate name mismatch: M"),
                cap("compression", s -> withOptions(s, true, true), "C", "TLS compression accepted (CRIME): capped at C"),
                cap("no secure renegotiation", s -> withOptions(s, false, false), "A-",
                        "no secure renegotiation (RFC 5746): capped at A-"),
                cap("TLS_FALLBACK_SCSV not honoured", s -> withFallbackScsv(s, false), "A",
                        "TLS_FALLBACK_SCSV not honoured: no A+"));
    }

    @Test
    void capsOnlyLowerAndEveryOneIsNamed() {
        TlsScan facts = addSuite(addProtocol(good(), "TLSv1", ECDHE_CBC128), "TLSv1.2", RSA_3DES);
        Rating rating = Ratings.rate(facts, true);
        assertEquals("C", rating.grade());
        assertEquals(List.of("TLS 1.0 or 1.1 accepted: capped at B",
                "3DES (64-bit block) with TLS 1.1 or later: capped at C"), rating.caps());
    }

    @Test
    void aLowScoreIsNotRaisedByALooserCap() {
        // SSLv2 (0) to TLS 1.2 (100) is 50, export holds the key exchange at 40, 40 and 256-bit suites
        // make 60: 15 + 12 + 24 = 51, a C by score, and SSLv2 makes it F.
        TlsScan facts = scan(List.of(new ProtocolSuites("SSLv2", null, List.of(EXPORT_RC4)),
                new ProtocolSuites("TLSv1.2", true, List.of(ECDHE_GCM256))), RSA_2048, null);
        Rating rating = Ratings.rate(facts, true);
        assertEquals("F", rating.grade());
        assertEquals(15 + 12 + 24, rating.score(), "export caps the key exchange at 40: " + rating);
    }

    @Test
    void aZeroInAnyCategoryMakesTheScoreZero() {
        Rating rating = Ratings.rate(addSuite(good(), "TLSv1.2", ANON), true);
        assertEquals(0, rating.keyExchangeScore());
        assertEquals(0, rating.score());
        assertEquals("F", rating.grade());
    }

    @Test
    void completingAScanAddsItsCertificateAndGradesTheWhole() {
        TlsScan partial = withCertificate(good(), null);
        CertificateFacts small = certificate("RSA", 1024, "SHA256withRSA", true, null);
        TlsScan complete = TlsScans.complete(partial, small, true);
        assertEquals(small, complete.certificate());
        assertEquals("B", complete.rating().grade(), "the certificate's key is graded: " + complete.rating());
    }

    @Test
    void nothingAcceptedIsNotGraded() {
        assertNull(Ratings.rate(scan(List.of(), null, null), true));
    }

    // ---- facts -------------------------------------------------------------------------------

    static Arguments cap(String fact, UnaryOperator<TlsScan> change, String grade, String cap) {
        return Arguments.of(fact, change, grade, cap);
    }

    static CertificateFacts certificate(String type, int bits, String signature, boolean trusted, String error) {
        boolean weakSignature = signature.startsWith("SHA1") || signature.startsWith("MD5");
        return new CertificateFacts(type, bits, signature, weakSignature, trusted, error, true, true, null, false,
                false, 89, "CN=tls.test", "CN=Test Intermediate");
    }

    static List<ProtocolSuites> only(Suite... suites) {
        return List.of(new ProtocolSuites("TLSv1.2", true, List.of(suites)));
    }

    /** A complete scan of these suites, with the weak classes and forward secrecy they imply. */
    static TlsScan scan(List<ProtocolSuites> suites, CertificateFacts certificate, Integer dhBits) {
        List<String> protocols = suites.stream().map(ProtocolSuites::protocol).toList();
        Set<String> weak = new LinkedHashSet<>();
        suites.forEach(p -> p.suites().forEach(suite -> weak.addAll(suite.weak())));
        Boolean forwardSecrecy = suites.isEmpty() ? null
                : suites.stream().allMatch(p -> p.suites().stream().allMatch(Suite::forwardSecret));
        return new TlsScan("tls.test", "127.0.0.1:443", true, protocols, suites, List.of("x25519"), dhBits,
                forwardSecrecy, List.copyOf(weak), protocols.size() > 1 ? true : null, true, false, certificate, null,
                20, 100, null);
    }

    static TlsScan addProtocol(TlsScan s, String protocol, Suite suite) {
        List<ProtocolSuites> suites = new ArrayList<>(s.suites());
        suites.add(0, new ProtocolSuites(protocol, null, List.of(suite)));
        return rebuild(s, suites);
    }

    static TlsScan addSuite(TlsScan s, String protocol, Suite suite) {
        List<ProtocolSuites> suites = s.suites().stream().map(p -> {
            if (!p.protocol().equals(protocol)) {
                return p;
            }
            List<Suite> more = new ArrayList<>(p.suites());
            more.add(suite);
            return new ProtocolSuites(protocol, p.serverOrder(), more);
        }).toList();
        return rebuild(s, suites);
    }

    static TlsScan rebuild(TlsScan s, List<ProtocolSuites> suites) {
        TlsScan built = scan(suites, s.certificate(), s.dhBits());
        return withOptions(built, s.secureRenegotiation(), s.compression());
    }

    static TlsScan withDh(TlsScan s, int bits) {
        return new TlsScan(s.host(), s.address(), s.complete(), s.protocols(), s.suites(), s.groups(), bits,
                s.forwardSecrecy(), s.weak(), s.fallbackScsv(), s.secureRenegotiation(), s.compression(),
                s.certificate(), null, s.handshakes(), s.durationMs(), s.error());
    }

    static TlsScan withCertificate(TlsScan s, CertificateFacts certificate) {
        return new TlsScan(s.host(), s.address(), s.complete(), s.protocols(), s.suites(), s.groups(), s.dhBits(),
                s.forwardSecrecy(), s.weak(), s.fallbackScsv(), s.secureRenegotiation(), s.compression(), certificate,
                null, s.handshakes(), s.durationMs(), s.error());
    }

    static TlsScan withFallbackScsv(TlsScan s, Boolean honoured) {
        return new TlsScan(s.host(), s.address(), s.complete(), s.protocols(), s.suites(), s.groups(), s.dhBits(),
                s.forwardSecrecy(), s.weak(), honoured, s.secureRenegotiation(), s.compression(), s.certificate(), null,
                s.handshakes(), s.durationMs(), s.error());
    }

    static TlsScan withOptions(TlsScan s, Boolean secureRenegotiation, Boolean compression) {
        return new TlsScan(s.host(), s.address(), s.complete(), s.protocols(), s.suites(), s.groups(), s.dhBits(),
                s.forwardSecrecy(), s.weak(), s.fallbackScsv(), secureRenegotiation, compression, s.certificate(), null,
                s.handshakes(), s.durationMs(), s.error());
    }
}
