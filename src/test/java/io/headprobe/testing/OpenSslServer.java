package io.headprobe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's {@code openssl s_server} (OpenSSL 3) on a loopback port, serving a {@link TestCa} leaf in
 * one of the configurations a TLS scan is tested against: a real TLS stack that still speaks TLS 1.0
 * and 1.1, static RSA, CBC, anonymous and 3DES suites and small DH groups when told to. It serves
 * one connection at a time ({@code -www}: a GET gets a status page), which is what a handshake-only
 * scan needs. Missing, the test is skipped (under CI=true it fails), as with every external peer.
 *
 * <pre>
 * try (OpenSslServer server = OpenSslServer.start(ca.leaf("localhost"), OpenSslServer.Config.TLS12_ECDHE)) {
 *     scanner.scan(server.address(), "localhost", ...);
 * }
 * </pre>
 */
public final class OpenSslServer implements AutoCloseable {

    public static final Path OPENSSL = Path.of("/usr/bin/openssl");

    /** The configurations of the TLS scan's tests; {@link #start(TestCa.Leaf, String...)} takes any other. */
    public enum Config {
        /** TLS 1.3 only, OpenSSL's default suites, two groups. */
        TLS13_ONLY("-tls1_3", "-groups", "X25519:P-384"),
        /** TLS 1.2 only, three ECDHE suites, in the server's order, three groups. */
        TLS12_ECDHE("-tls1_2", "-serverpref", "-groups", "X25519:P-256:P-384",
                "-cipher", "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305"),
        /** TLS 1.2 only with static RSA and CBC suites beside one ECDHE suite, in the client's order. */
        TLS12_RSA_CBC("-tls1_2", "-groups", "P-256",
                "-cipher", "AES128-SHA:AES256-SHA256:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-GCM-SHA384"),
        /** TLS 1.0 to 1.3 at security level 0: everything OpenSSL 3 still has (3DES, anonymous DH...). */
        TLS10_LEGACY("-min_protocol", "TLSv1", "-cipher", "ALL:@SECLEVEL=0"),
        /** TLS 1.2 DHE suites only, with a 1024-bit DH group. */
        DH1024("-tls1_2", "-dhparam", "{dh1024}",
                "-cipher", "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0");

        private final List<String> args;

        Config(String... args) {
            this.args = List.of(args);
        }
    }

    private final ExternalProcess process;

    private OpenSslServer(ExternalProcess process) {
        this.process = process;
    }

    /** Serves {@code leaf} (key and chain as {@link TestCa} made them) in a configuration of the scan's tests. */
    public static OpenSslServer start(TestCa.Leaf leaf, Config config) {
        return start(leaf, config.args.toArray(String[]::new));
    }

    /**
     * Serves {@code leaf} with any further {@code s_server} options, e.g. {@code -status_file ocsp.der}.
     * "{dh1024}" in an option stands for a committed 1024-bit DH parameters file.
     */
    public static OpenSslServer start(TestCa.Leaf leaf, String... options) {
        ExternalProcess.require(OPENSSL, "openssl");
        try {
            Path dir = Files.createTempDirectory("headprobe-openssl-");
            dir.toFile().deleteOnExit();
            List<X509Certificate> chain = leaf.chain();
            Path cert = write(dir, "cert.pem", TestCa.pem(chain.get(0)));
            StringBuilder rest = new StringBuilder();
            for (X509Certificate certificate : chain.subList(1, chain.size())) {
                rest.append(TestCa.pem(certificate));
            }
            Path dh = write(dir, "dh1024.pem", resource("/tls/dh1024.pem"));
            List<String> command = new ArrayList<>(List.of(OPENSSL.toString(), "s_server", "-accept",
                    "127.0.0.1:{port}", "-www", "-cert", cert.toString(), "-key", leaf.keyFile().toString()));
            if (chain.size() > 1) {
                command.addAll(List.of("-cert_chain", write(dir, "chain.pem", rest.toString()).toString()));
            }
            for (String option : options) {
                command.add(option.replace("{dh1024}", dh.toString()));
            }
            return new OpenSslServer(ExternalProcess.start(dir, command.toArray(String[]::new)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return process.port();
    }

    /** 127.0.0.1 and the port: what a scan connects to. */
    public InetSocketAddress address() {
        return new InetSocketAddress(Loopback.address(), port());
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        file.toFile().deleteOnExit();
        return file;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OpenSslServer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Override
    public void close() {
        try {
            process.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
