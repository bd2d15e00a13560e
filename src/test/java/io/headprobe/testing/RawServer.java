package io.headprobe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on loopback that does exactly what its script says with each connection: the
 * hostile targets (garbage, resets, dripping bytes, huge heads) and heads written byte for byte.
 */
public final class RawServer implements AutoCloseable {

    @FunctionalInterface
    public interface Script {
        void play(Socket socket) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    private RawServer(InetAddress address, Script script) {
        this(plain(address), script);
    }

    private RawServer(ServerSocket socket, Script script) {
        this.socket = socket;
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    accepted.incrementAndGet();
                    Thread player = new Thread(() -> {
                        try (connection) {
                            script.play(connection);
                        } catch (IOException | InterruptedException e) {
                            // the client hung up: that is how most scripts end
                        }
                    });
                    player.setDaemon(true);
                    player.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RawServer on(String address, Script script) {
        try {
            return new RawServer(InetAddress.getByName(address), script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RawServer start(Script script) {
        return new RawServer(Loopback.address(), script);
    }

    /** A server that speaks TLS with {@code leaf} from the first byte, then plays the script over it. */
    public static RawServer tls(TestCa.Leaf leaf, Script script) {
        try {
            return new RawServer(leaf.serverContext().getServerSocketFactory().createServerSocket(0, 100, Loopback.address()),
                    script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #tls}, but the handshake fails without a client certificate that {@code clients} issued. */
    public static RawServer tlsWithClientCertificates(TestCa.Leaf leaf, TestCa clients, Script script) {
        try {
            javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory
                    .getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            keys.init(leaf.keyStore(), TestCa.Leaf.PASSWORD.toCharArray());
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), new javax.net.ssl.TrustManager[] { clients.trustManager() }, null);
            javax.net.ssl.SSLServerSocket socket = (javax.net.ssl.SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 100, Loopback.address());
            socket.setNeedClientAuth(true);
            return new RawServer(socket, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerSocket plain(InetAddress address) {
        try {
            return new ServerSocket(0, 100, address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the request head, then writes {@code response} as it is. */
    public static Script answering(String response) {
        return socket -> {
            readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
    }

    /**
     * What an HTTP/1.0 server says: status line, the given header lines, then "ok" as the body,
     * which has no length and ends with the connection (the script returns, the socket closes).
     */
    public static Script http10(int status, String... headerLines) {
        StringBuilder response = new StringBuilder("HTTP/1.0 ").append(status)
                .append(status == 200 ? " OK\r\n" : " Status\r\n");
        for (String line : headerLines) {
            response.append(line).append("\r\n");
        }
        return answering(response.append("\r\nok\n").toString());
    }

    public static void readHead(InputStream in) throws IOException {
        head(in);
    }

    /** Reads the request head and returns it as sent (ISO-8859-1), up to the blank line. */
    public static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.append((char) b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** blackbox's tcp target: 127.0.0.1:port. */
    public String hostPort() {
        return socket.getInetAddress().getHostAddress() + ":" + port();
    }

    public String url(String path) {
        return "http://" + socket.getInetAddress().getHostAddress() + ":" + port() + path;
    }

    /** Connections accepted so far. */
    public int connections() {
        return accepted.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
