package io.headprobe.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLSession;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * An HTTPS server on 127.0.0.1 (random port) presenting a {@link TestCa.Leaf}: it answers every
 * request 200 with {@code X-Test: tls}, {@code X-Seen-Host} (the request's Host, or :authority
 * over h2) and each {@code X-Echo-*} request header sent back as it came, and records what it saw.
 * It runs on a Vert.x of its own, not Quarkus' one, so a test's server and the app under test
 * share no event loop and closing one never stops the other.
 */
public final class TlsServer implements AutoCloseable {

    public static final String TLS12 = "TLSv1.2";
    public static final String TLS13 = "TLSv1.3";

    /** What the server offers in ALPN. */
    public enum Alpn {
        /** h2 and http/1.1: an HTTP/2 server, as most are. */
        H2_AND_HTTP11,
        /** No ALPN at all: the client gets HTTP/1.1 whatever it asks for. */
        NONE
    }

    /** One request as the server saw it. Header names are lower case (h2 sends them so anyway). */
    public record Seen(String method, String uri, String path, HttpVersion version, Map<String, List<String>> headers,
            String tlsProtocol, String cipherSuite, String serverName) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private TlsServer(TestCa.Leaf leaf, Alpn alpn, String... protocols) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setSsl(true)
                // Without SNI the server still answers with its one certificate; a test of SNI reads serverName.
                .setSni(true)
                .setKeyCertOptions(leaf.keyCertOptions())
                .setUseAlpn(alpn == Alpn.H2_AND_HTTP11)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
        if (protocols.length > 0) {
            options.setEnabledSecureTransportProtocols(Set.of(protocols));
        }
        try {
            server = await(vertx.createHttpServer(options).requestHandler(this::answer).listen());
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** An h2 server (ALPN h2, http/1.1) with Vert.x' default protocols, TLS 1.2 and 1.3. */
    public static TlsServer start(TestCa.Leaf leaf) {
        return new TlsServer(leaf, Alpn.H2_AND_HTTP11);
    }

    /** @param protocols e.g. {@link #TLS12}; none: Vert.x' defaults (TLSv1.2, TLSv1.3) */
    public static TlsServer start(TestCa.Leaf leaf, Alpn alpn, String... protocols) {
        return new TlsServer(leaf, alpn, protocols);
    }

    private void answer(HttpServerRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(header -> headers
                .computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                .add(header.getValue()));
        SSLSession session = request.connection().sslSession();
        seen.add(new Seen(request.method().name(), request.uri(), request.path(), request.version(), headers,
                session == null ? null : session.getProtocol(), session == null ? null : session.getCipherSuite(),
                request.connection().indicatedServerName()));
        var response = request.response().setStatusCode(200).putHeader("X-Test", "tls");
        if (request.host() != null) {
            response.putHeader("X-Seen-Host", request.host());
        }
        request.headers().forEach(header -> {
            if (header.getKey().regionMatches(true, 0, "X-Echo-", 0, 7)) {
                response.headers().add(header.getKey(), header.getValue());
            }
        });
        response.end("ok\n");
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code https://127.0.0.1:port/path}. */
    public String url(String path) {
        return url("127.0.0.1", path);
    }

    /** With another host name, e.g. "localhost" or a name the test's resolver maps to 127.0.0.1. */
    public String url(String host, String path) {
        return "https://" + host + ":" + port() + path;
    }

    /** The requests so far, oldest first. */
    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** The latest request; fails if there was none. */
    public Seen lastRequest() {
        if (seen.isEmpty()) {
            throw new IllegalStateException("no request yet");
        }
        return seen.get(seen.size() - 1);
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    /** Waits for a Vert.x future of a test server (30 s at most); its failure as an IllegalStateException. */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
