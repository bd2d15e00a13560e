package io.headprobe.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/** Small servers on 127.0.0.1 that tests start as probe targets. Each one closes with the test. */
public final class Loopback {

    private Loopback() {
    }

    public static InetAddress address() {
        return InetAddress.getLoopbackAddress();
    }

    /** A JDK HTTP server that answers every request with the given status and headers. */
    public static HttpServer answering(int status, Map<String, List<String>> headers) {
        return answering(status, headers, "ok\n");
    }

    /** Answers every request with {@code status}, {@code headers} and {@code text} (UTF-8) as the body. */
    public static HttpServer answering(int status, Map<String, List<String>> headers, String text) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address(), 0), 50);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().putAll(headers);
                byte[] body = text.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port on 127.0.0.1 where nothing listens: connecting to it is refused. */
    public static int refusingPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, address())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A listener that accepts connections (the kernel does) but never says a word. */
    public static ServerSocket silent() {
        try {
            return new ServerSocket(0, 50, address());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether something accepts a connection on 127.0.0.1:{@code port} within 200 ms: a started server is ready. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public static String url(HttpServer server, String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public static String url(ServerSocket socket, String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }
}
