package io.headprobe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on loopback, as squid is to blackbox: a CONNECT opens a tunnel to the host:port
 * it names (or is refused with the status given), a request in absolute form is passed on to its
 * host in origin form. It records each request's line and headers, and resolves names from its
 * own table only (the test hosts file's names to loopback), never through DNS.
 */
public final class ConnectProxy implements AutoCloseable {

    /** A request line and its headers, names in lower case. */
    public record Seen(String requestLine, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final Map<String, String> NAMES = Map.of("allowed.test", "127.0.0.1", "blocked.test", "127.0.0.2");

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final int connectStatus;
    private final RawServer server;

    private ConnectProxy(int connectStatus) {
        this.connectStatus = connectStatus;
        this.server = RawServer.start(this::serve);
    }

    /** A proxy that tunnels and forwards whatever it is asked. */
    public static ConnectProxy start() {
        return new ConnectProxy(200);
    }

    /** A proxy that answers every CONNECT with {@code status} (407, 403...) and closes. */
    public static ConnectProxy refusing(int status) {
        return new ConnectProxy(status);
    }

    public int port() {
        return server.port();
    }

    /** http://127.0.0.1:port, as proxy_url names it. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    private void serve(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        String head = RawServer.head(in);
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        seen.add(new Seen(lines[0], headers));
        String[] request = lines[0].split(" ");
        OutputStream out = client.getOutputStream();
        if (request[0].equals("CONNECT")) {
            if (connectStatus != 200) {
                out.write(("HTTP/1.1 " + connectStatus + " " + reason(connectStatus) + "\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            int colon = request[1].lastIndexOf(':');
            try (Socket upstream = new Socket(address(request[1].substring(0, colon)),
                    Integer.parseInt(request[1].substring(colon + 1)))) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                relay(client, upstream);
            }
            return;
        }
        URI target = URI.create(request[1]);
        try (Socket upstream = new Socket(address(target.getHost()), target.getPort() < 0 ? 80 : target.getPort())) {
            String originForm = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            // Proxy-Authorization is the proxy's own: it is not passed on.
            String forwarded = head.replaceFirst(" [^ ]+ ", " " + originForm + " ")
                    .replaceAll("(?im)^Proxy-Authorization:[^\r\n]*\r\n", "");
            upstream.getOutputStream().write(forwarded.getBytes(StandardCharsets.ISO_8859_1));
            relay(client, upstream);
        }
    }

    /** Bytes both ways until either side closes. */
    private static void relay(Socket client, Socket upstream) throws IOException {
        Thread back = new Thread(() -> {
            try {
                upstream.getInputStream().transferTo(client.getOutputStream());
                client.shutdownOutput();
            } catch (IOException e) {
                // either side hung up
            }
        });
        back.setDaemon(true);
        back.start();
        client.getInputStream().transferTo(upstream.getOutputStream());
        upstream.shutdownOutput();
        try {
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static InetAddress address(String host) throws IOException {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        String known = NAMES.get(bare.toLowerCase(Locale.ROOT));
        if (known == null && !bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new IOException("the test proxy knows no " + host);
        }
        return InetAddress.getByName(known == null ? bare : known);
    }

    private static String reason(int status) {
        return switch (status) {
            case 403 -> "Forbidden";
            case 407 -> "Proxy Authentication Required";
            default -> "Refused";
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
