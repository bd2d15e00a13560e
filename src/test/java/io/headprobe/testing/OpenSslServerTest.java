package io.headprobe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each configuration of {@link OpenSslServer} starts and completes a handshake with the JDK's client. */
class OpenSslServerTest {

    private static final TestCa CA = TestCa.create();

    @ParameterizedTest
    @CsvSource({ "TLS13_ONLY, TLSv1.3, TLS_AES_256_GCM_SHA384",
            "TLS12_ECDHE, TLSv1.2, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS12_RSA_CBC, TLSv1.2, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS10_LEGACY, TLSv1.3, TLS_AES_256_GCM_SHA384",
            "DH1024, TLSv1.2, TLS_DHE_RSA_WITH_AES_256_GCM_SHA384" })
    void handshakesWithTheJdk(OpenSslServer.Config config, String protocol, String suite) throws IOException {
        try (OpenSslServer server = OpenSslServer.start(CA.leaf("localhost"), config);
                SSLSocket socket = (SSLSocket) CA.clientContext().getSocketFactory()
                        .createSocket(server.address().getAddress(), server.port())) {
            socket.startHandshake();
            assertEquals(protocol, socket.getSession().getProtocol());
            assertEquals(suite, socket.getSession().getCipherSuite());
        }
    }
}
