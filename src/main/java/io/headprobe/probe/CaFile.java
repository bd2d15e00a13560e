package io.headprobe.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A PEM bundle of CAs trusted besides the JDK's own, read once when the configuration is read (a
 * blackbox module's ca_file, {@code headprobe.probe.trust-store-file}): a file that can't be used
 * stops start-up instead of failing every probe that names it.
 *
 * @param path the file as configured
 * @param trust the JDK's default CAs plus every certificate of the file
 */
public record CaFile(String path, X509ExtendedTrustManager trust) {

    /** @throws IllegalArgumentException with a message naming the file when it holds no usable certificate */
    public static CaFile read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(file.toString(), in);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * @param label what the PEM text is called in messages (a blackbox module's inline tls_config.ca)
     * @throws IllegalArgumentException naming {@code label} when the text holds no usable certificate
     */
    public static CaFile of(String label, String pem) {
        return of(label, new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    private static CaFile of(String file, InputStream in) {
        Collection<? extends Certificate> added;
        try {
            added = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " holds no PEM certificate the JDK can read (" + e.getMessage() + ")", e);
        }
        if (added.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : jdkDefaults().getAcceptedIssuers()) {
                store.setCertificateEntry("default-" + i++, ca);
            }
            for (Certificate ca : added) {
                store.setCertificateEntry("extra-" + i++, ca);
            }
            return new CaFile(file, firstX509(store));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot make a trust store: " + e.getMessage(), e);
        }
    }

    /** The JDK's default trust (its cacerts). */
    static X509ExtendedTrustManager jdkDefaults() {
        try {
            return firstX509(null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust cannot be read: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager firstX509(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK has no X509ExtendedTrustManager");
    }
}
