package io.headprobe.probe;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * A client certificate and its key (a blackbox module's tls_config cert_file and key_file), read
 * once with the configuration: a pair that can't be used stops start-up.
 */
public final class ClientCertificate {

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final char[] NO_PASSWORD = new char[0];

    private final X509KeyManager keyManager;

    private ClientCertificate(X509KeyManager keyManager) {
        this.keyManager = keyManager;
    }

    /**
     * @param chainPem the certificate first, then any intermediates
     * @param keyPem an unencrypted PKCS#8 key ("BEGIN PRIVATE KEY"), RSA or EC
     * @throws IllegalArgumentException saying what is wrong, never quoting the key
     */
    public static ClientCertificate of(String chainPem, String keyPem) {
        Collection<? extends Certificate> chain;
        try {
            chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("holds no PEM certificate the JDK can read");
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("holds no PEM certificate");
        }
        PrivateKey key = key(keyPem, chain.iterator().next().getPublicKey().getAlgorithm());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509KeyManager x509) {
                    return new ClientCertificate(x509);
                }
            }
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("the key does not go with the certificate (" + e.getClass().getSimpleName() + ")");
        }
        throw new IllegalArgumentException("the JDK has no X.509 key manager");
    }

    /** Go also reads PKCS#1 and SEC 1 keys; the JDK reads PKCS#8 only, so those are refused with the fix. */
    private static PrivateKey key(String pem, String algorithm) {
        Matcher matcher = PKCS8.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("holds no unencrypted PKCS#8 key (\"BEGIN PRIVATE KEY\"; convert one with "
                    + "openssl pkcs8 -topk8 -nocrypt)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("holds a key the JDK cannot read as " + algorithm + " PKCS#8");
        }
    }

    X509KeyManager keyManager() {
        return keyManager;
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "ClientCertificate[<secret>]";
    }
}
