package io.headprobe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * A certificate authority made by the test at run time: a root, an intermediate signed by it, and
 * leaves signed by the intermediate, good ones and each kind of bad one. Everything exists as Java
 * objects and as PEM in a temporary directory (deleted when the JVM exits), so both a Vert.x server
 * and the app's {@code headprobe.probe.trust-store-file} can use it. BouncyCastle only builds and
 * signs the certificates; the keys and certificates are the JDK's own classes, so that what the
 * tests verify is what the JDK's TLS stack sees.
 */
public final class TestCa {

    /** The key of a leaf; the fetcher reports these as "RSA 2048", "EC P-256" and "RSA 1024". */
    public enum KeyType {
        RSA_2048, EC_P256, RSA_1024
    }

    /** The DNS name of {@link #wrongHostLeaf()}: none of the names a test connects with. */
    public static final String OTHER_HOST = "other.test";

    // Unique in the JVM, so two CAs of one test run never issue the same serial; the clock makes
    // runs differ too, which keeps a browser or a cache from mixing certificates of two runs.
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis() << 16);
    private static final AtomicInteger CAS = new AtomicInteger();
    private static final Duration DAY = Duration.ofDays(1);
    /**
     * How long a valid leaf is valid: 90 days less an hour, so that it has 89 whole days left
     * however soon it is probed (a certificate's dates have whole seconds; exactly 90 days would
     * read as 90 when made and probed within the same second, and as 89 otherwise).
     */
    private static final Duration LEAF_VALIDITY = DAY.multipliedBy(90).minusHours(1);

    private final String name;
    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final KeyPair intermediateKeys;
    private final X509Certificate intermediate;
    private final Path dir;
    private final Path rootPemFile;
    private final AtomicInteger leaves = new AtomicInteger();

    private TestCa(String name) {
        this.name = name;
        Instant now = Instant.now();
        rootKeys = generate(KeyType.RSA_2048);
        X500Principal rootName = new X500Principal("CN=" + name + " Root, O=HeadProbe Tests");
        root = sign(rootName, rootKeys.getPublic(), rootName, rootKeys, null,
                now.minus(DAY.multipliedBy(365)), now.plus(DAY.multipliedBy(3650)), Role.ROOT, List.of());
        // The intermediate is EC and the root RSA, so a chain holds both kinds of signature.
        intermediateKeys = generate(KeyType.EC_P256);
        intermediate = sign(new X500Principal("CN=" + name + " Intermediate, O=HeadProbe Tests"),
                intermediateKeys.getPublic(), rootName, rootKeys, root,
                now.minus(DAY.multipliedBy(300)), now.plus(DAY.multipliedBy(3000)), Role.INTERMEDIATE, List.of());
        try {
            dir = Files.createTempDirectory("headprobe-testca-");
            dir.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rootPemFile = write("root.pem", pem(root));
    }

    /** A new root and intermediate, named "HeadProbe Test CA n". */
    public static TestCa create() {
        return create("HeadProbe Test CA " + CAS.incrementAndGet());
    }

    public static TestCa create(String name) {
        return new TestCa(name);
    }

    // ---- the CA ------------------------------------------------------------------------------

    public X509Certificate root() {
        return root;
    }

    public X509Certificate intermediate() {
        return intermediate;
    }

    public String rootPem() {
        return pem(root);
    }

    /** The root alone, as PEM: the file for {@code headprobe.probe.trust-store-file}. */
    public Path rootPemFile() {
        return rootPemFile;
    }

    /** Where the PEM files of this CA and its leaves are. */
    public Path dir() {
        return dir;
    }

    /** A trust manager that trusts this CA's root (and nothing else), built from its PEM file. */
    public X509ExtendedTrustManager trustManager() {
        return trusting(rootPemFile);
    }

    /** A client context that trusts this CA's root only, e.g. for {@code HttpClient.newBuilder().sslContext(...)}. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trustManager() }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JDK's PKIX trust manager over the certificates of a PEM file (one or a bundle): what the
     * app builds from its trust-store file, minus the JDK's default roots.
     */
    public static X509ExtendedTrustManager trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager from " + factory.getAlgorithm());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- leaves ------------------------------------------------------------------------------

    /**
     * A valid RSA 2048 leaf for the given names; each is an IP address SAN if it looks like one
     * ({@code 127.0.0.1}), a DNS SAN otherwise ({@code localhost}, {@code tls.test}).
     */
    public Leaf leaf(String... names) {
        return leaf(KeyType.RSA_2048, names);
    }

    public Leaf leaf(KeyType type, String... names) {
        Instant now = Instant.now();
        return issue("valid", type, now.minus(DAY), now.plus(LEAF_VALIDITY), names);
    }

    /** A valid leaf whose signature uses SHA-1 (SHA1withECDSA): what browsers refuse since 2017. */
    public Leaf sha1Leaf(String... names) {
        Instant now = Instant.now();
        return issueSigned("sha1", KeyType.RSA_2048, now.minus(DAY), now.plus(LEAF_VALIDITY), "SHA1", names);
    }

    /** The same key and leaf sent without the intermediate: a chain that reaches no trusted root. */
    public Leaf withoutIntermediate(Leaf leaf) {
        return leafOf(leaf.label() + "-alone", leaf.key(), List.of(leaf.certificate()));
    }

    /**
     * A DER OCSP response, signed by the intermediate, saying the leaf is good until tomorrow: the
     * file for {@code openssl s_server -status_file}. With {@code sct}, its single response carries
     * an SCT list extension (1.3.6.1.4.1.11129.2.4.5), its content a placeholder.
     */
    public byte[] ocspGood(Leaf leaf, boolean sct) {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(intermediate), leaf.certificate().getSerialNumber());
            BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(intermediate.getPublicKey(),
                    digests.get(CertificateID.HASH_SHA1));
            Instant now = Instant.now();
            Extensions extensions = sct ? new Extensions(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.5"),
                    false, new DEROctetString(new byte[] { 0, 0 }).getEncoded())) : null;
            builder.addResponse(id, CertificateStatus.GOOD, Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(DAY)), extensions);
            BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(intermediateKeys.getPrivate()), new X509CertificateHolder[] {
                            new JcaX509CertificateHolder(intermediate) }, Date.from(now));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException | OCSPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Expired a day ago (valid for the month before). */
    public Leaf expiredLeaf(String... names) {
        Instant now = Instant.now();
        return issue("expired", KeyType.RSA_2048, now.minus(DAY.multipliedBy(31)), now.minus(DAY), names);
    }

    /** Valid from tomorrow on. */
    public Leaf notYetValidLeaf(String... names) {
        Instant now = Instant.now();
        return issue("not-yet-valid", KeyType.RSA_2048, now.plus(DAY), now.plus(DAY.multipliedBy(91)), names);
    }

    /** Valid and well signed, but for {@value #OTHER_HOST} only. */
    public Leaf wrongHostLeaf() {
        Instant now = Instant.now();
        return issue("wrong-host", KeyType.RSA_2048, now.minus(DAY), now.plus(LEAF_VALIDITY), OTHER_HOST);
    }

    /** A leaf that signs itself (no CA flag): the chain is just the leaf. */
    public Leaf selfSignedLeaf(String... names) {
        Instant now = Instant.now();
        KeyPair keys = generate(KeyType.RSA_2048);
        X500Principal subject = new X500Principal("CN=" + names[0] + ", O=HeadProbe Tests Self-Signed");
        X509Certificate certificate = sign(subject, keys.getPublic(), subject, keys, null,
                now.minus(DAY), now.plus(LEAF_VALIDITY), Role.LEAF, List.of(names));
        return leafOf("self-signed", keys.getPrivate(), List.of(certificate));
    }

    /**
     * A valid-looking leaf (chain: leaf, intermediate) from a second CA whose root is in no trust
     * store: "unable to find valid certification path". The second CA is made once per call.
     */
    public Leaf unknownIssuerLeaf(String... names) {
        Leaf foreign = create(name + " Unknown").leaf(names);
        // Written again here, so the files sit with this CA's others.
        return leafOf("unknown-issuer", foreign.key(), foreign.chain());
    }

    /**
     * This CA's root (its name and key) signed by another, older root, and expired a month ago: a
     * cross-sign as servers still send them after the root it leads to is trusted on its own.
     */
    public X509Certificate expiredCrossSign() {
        Instant now = Instant.now();
        KeyPair oldKeys = generate(KeyType.RSA_2048);
        X500Principal oldName = new X500Principal("CN=" + name + " Old Root, O=HeadProbe Tests");
        X509Certificate oldRoot = sign(oldName, oldKeys.getPublic(), oldName, oldKeys, null,
                now.minus(DAY.multipliedBy(3650)), now.plus(DAY.multipliedBy(3650)), Role.ROOT, List.of());
        return sign(root.getSubjectX500Principal(), rootKeys.getPublic(), oldName, oldKeys, oldRoot,
                now.minus(DAY.multipliedBy(400)), now.minus(DAY.multipliedBy(30)), Role.ROOT, List.of());
    }

    /** The same key and chain with {@code extra} sent after it, as a server configured so sends it. */
    public Leaf withExtra(Leaf leaf, X509Certificate... extra) {
        List<X509Certificate> chain = new ArrayList<>(leaf.chain());
        chain.addAll(List.of(extra));
        return leafOf(leaf.label() + "-extra", leaf.key(), chain);
    }

    private Leaf issue(String kind, KeyType type, Instant notBefore, Instant notAfter, String... names) {
        return issueSigned(kind, type, notBefore, notAfter, "SHA256", names);
    }

    private Leaf issueSigned(String kind, KeyType type, Instant notBefore, Instant notAfter, String digest,
            String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("a leaf needs at least one name");
        }
        KeyPair keys = generate(type);
        X509Certificate certificate = sign(new X500Principal("CN=" + names[0] + ", O=HeadProbe Tests"),
                keys.getPublic(), intermediate.getSubjectX500Principal(), intermediateKeys, intermediate,
                notBefore, notAfter, Role.LEAF, List.of(names), digest);
        return leafOf(kind, keys.getPrivate(), List.of(certificate, intermediate));
    }

    private Leaf leafOf(String kind, PrivateKey key, List<X509Certificate> chain) {
        String label = leaves.incrementAndGet() + "-" + kind;
        String keyPem = pem("PRIVATE KEY", key.getEncoded());
        StringBuilder chainPem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            chainPem.append(pem(certificate));
        }
        return new Leaf(label, key, chain, keyPem, chainPem.toString(),
                write(label + ".key.pem", keyPem), write(label + ".chain.pem", chainPem.toString()));
    }

    /** A private key and its chain, leaf first, as objects, PEM text, PEM files and server options. */
    public static final class Leaf {

        /** The password of {@link #keyStore()}, of the store and of the key entry. */
        public static final String PASSWORD = "changeit";

        private final String label;
        private final PrivateKey key;
        private final List<X509Certificate> chain;
        private final String keyPem;
        private final String chainPem;
        private final Path keyFile;
        private final Path chainFile;

        private Leaf(String label, PrivateKey key, List<X509Certificate> chain, String keyPem, String chainPem,
                Path keyFile, Path chainFile) {
            this.label = label;
            this.key = key;
            this.chain = List.copyOf(chain);
            this.keyPem = keyPem;
            this.chainPem = chainPem;
            this.keyFile = keyFile;
            this.chainFile = chainFile;
        }

        /** e.g. "3-expired": the prefix of its files. */
        public String label() {
            return label;
        }

        public PrivateKey key() {
            return key;
        }

        /** Leaf first; the root is never in it, as servers send it. */
        public List<X509Certificate> chain() {
            return chain;
        }

        public X509Certificate[] chainArray() {
            return chain.toArray(new X509Certificate[0]);
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** PKCS#8, "BEGIN PRIVATE KEY". */
        public String keyPem() {
            return keyPem;
        }

        public String chainPem() {
            return chainPem;
        }

        public Path keyFile() {
            return keyFile;
        }

        public Path chainFile() {
            return chainFile;
        }

        /** For a Vert.x server: {@code new HttpServerOptions().setSsl(true).setKeyCertOptions(leaf.keyCertOptions())}. */
        public PemKeyCertOptions keyCertOptions() {
            return new PemKeyCertOptions()
                    .setKeyValue(Buffer.buffer(keyPem))
                    .setCertValue(Buffer.buffer(chainPem));
        }

        /** A PKCS#12 store in memory with one entry "leaf", password {@link #PASSWORD}. */
        public KeyStore keyStore() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("leaf", key, PASSWORD.toCharArray(), chainArray());
                return store;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A server-side context presenting this leaf, for a JDK SSLServerSocket or SSLEngine. */
        public SSLContext serverContext() {
            try {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(keyStore(), PASSWORD.toCharArray());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return label + " " + certificate().getSubjectX500Principal();
        }
    }

    // ---- making certificates -----------------------------------------------------------------

    private enum Role {
        ROOT, INTERMEDIATE, LEAF
    }

    private static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator generator;
            if (type == KeyType.RSA_2048 || type == KeyType.RSA_1024) {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(type == KeyType.RSA_2048 ? 2048 : 1024);
            } else {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Principal subject, PublicKey subjectKey, X500Principal issuer,
            KeyPair issuerKeys, X509Certificate issuerCertificate, Instant notBefore, Instant notAfter, Role role,
            List<String> names) {
        return sign(subject, subjectKey, issuer, issuerKeys, issuerCertificate, notBefore, notAfter, role, names,
                "SHA256");
    }

    private static X509Certificate sign(X500Principal subject, PublicKey subjectKey, X500Principal issuer,
            KeyPair issuerKeys, X509Certificate issuerCertificate, Instant notBefore, Instant notAfter, Role role,
            List<String> names, String digest) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    subject, subjectKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            if (issuerCertificate != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerCertificate));
            }
            switch (role) {
                case ROOT -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case INTERMEDIATE -> {
                    // Path length 0: it signs leaves only.
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case LEAF -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    // keyEncipherment too for RSA, as real RSA server certificates have: the JDK
                    // checks the key usage against the key exchange of TLS 1.2 RSA suites.
                    int usage = KeyUsage.digitalSignature
                            | ("RSA".equals(subjectKey.getAlgorithm()) ? KeyUsage.keyEncipherment : 0);
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                    // clientAuth too, as many real server certificates have: a leaf may serve as a
                    // blackbox module's client certificate.
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
                    builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(names));
                }
            }
            String algorithm = digest + ("RSA".equals(issuerKeys.getPrivate().getAlgorithm()) ? "withRSA" : "withECDSA");
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GeneralNames subjectAltNames(List<String> names) {
        List<GeneralName> general = new ArrayList<>();
        for (String name : names) {
            general.add(new GeneralName(isIpAddress(name) ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        return new GeneralNames(general.toArray(new GeneralName[0]));
    }

    // Literals only (127.0.0.1, ::1): a SAN is never looked up.
    private static boolean isIpAddress(String name) {
        return name.contains(":") || name.matches("[0-9.]+");
    }

    // ---- PEM ---------------------------------------------------------------------------------

    public static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private Path write(String file, String text) {
        try {
            Path path = dir.resolve(file);
            Files.writeString(path, text, StandardCharsets.US_ASCII);
            path.toFile().deleteOnExit();
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
