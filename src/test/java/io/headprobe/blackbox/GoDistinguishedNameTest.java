package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

/**
 * The subject and issuer labels of probe_ssl_last_chain_info. The expected strings are what
 * blackbox_exporter 0.23.0 (Debian, go1.19) printed for these two certificates, served on loopback.
 */
class GoDistinguishedNameTest {

    @Test
    void usualNameAndIssuer() throws Exception {
        X509Certificate leaf = certificate("leaf.pem");
        assertEquals("CN=localhost,OU=Ops\\+Dev,O=Acme\\, Inc.,L=Köln,C=DE,"
                + "1.2.840.113549.1.9.1=#0c106f7073406578616d706c652e74657374", go(leaf.getSubjectX500Principal()));
        assertEquals("CN=Test CA,OU=Web\\\\Ops,O=Acme \\\"Q\\\" Inc.,ST=Berlin,C=DE", go(leaf.getIssuerX500Principal()));
    }

    /**
     * Two DCs, a multi-valued RDN (OU+UID), two OUs, two CNs (Go keeps the last), street, postal
     * code, serialNumber and emailAddress, special characters in every escapable position.
     */
    @Test
    void everyAttributeGoSortsOrRecodes() throws Exception {
        assertEquals("SERIALNUMBER=SN-0001,CN=\\#odd\\, \\\"name\\\"\\ ,OU=b-team+OU=a-team,O=Acme\\; \\<Ltd\\>,"
                + "POSTALCODE=50667,STREET=Main St 1,L=Köln,ST=Nord Rhein,C=DE,"
                + "1.2.840.113549.1.9.1=#0c106f7073406578616d706c652e74657374,0.9.2342.19200300.100.1.1=#1303753432,"
                + "0.9.2342.19200300.100.1.25=#13076578616d706c65,0.9.2342.19200300.100.1.25=#130474657374",
                go(certificate("odd-subject.pem").getSubjectX500Principal()));
    }

    @Test
    void unreadableInputIsKept() {
        assertEquals("not a name", GoDistinguishedName.of("not a name"));
        assertEquals("", GoDistinguishedName.of(null));
    }

    private static String go(X500Principal principal) {
        return GoDistinguishedName.of(principal.getName(X500Principal.RFC2253));
    }

    private static X509Certificate certificate(String name) throws Exception {
        try (InputStream in = GoDistinguishedNameTest.class.getResourceAsStream("/blackbox/" + name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
