package io.headprobe.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;

/**
 * An HTTP server on 127.0.0.1 that reads each request whole (its body too), records it, and answers
 * what {@code answer} makes of it; plain HTTP/1.1, or over TLS with h2 and http/1.1 offered by ALPN.
 * On a Vert.x of its own, as {@link TlsServer}.
 */
public final class RecordingServer implements AutoCloseable {

    /** One request as the server saw it; header names in lower case. */
    public record Request(String method, String path, HttpVersion version, Map<String, List<String>> headers,
            String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What to answer: status, headers, body. */
    public record Answer(int status, Map<String, String> headers, Buffer body) {

        public static Answer ok(String body) {
            return new Answer(200, Map.of("Content-Type", "text/plain; charset=utf-8"), Buffer.buffer(body));
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final boolean tls;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private RecordingServer(TestCa.Leaf leaf, TestCa clients, Function<Request, Answer> answer) {
        tls = leaf != null;
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0);
        if (tls) {
            options.setSsl(true).setKeyCertOptions(leaf.keyCertOptions()).setUseAlpn(true)
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
        }
        if (clients != null) {
            options.setClientAuth(ClientAuth.REQUIRED)
                    .setTrustOptions(new PemTrustOptions().addCertPath(clients.rootPemFile().toString()));
        }
        server = vertx.createHttpServer(options).requestHandler(request -> request.body().onSuccess(body -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(h.getValue()));
            Request seen = new Request(request.method().name(), request.path(), request.version(), headers,
                    body.toString());
            requests.add(seen);
            Answer a = answer.apply(seen);
            var response = request.response().setStatusCode(a.status());
            a.headers().forEach(response::putHeader);
            response.end(a.body());
        })).listen().toCompletionStage().toCompletableFuture().join();
    }

    public static RecordingServer plain(Function<Request, Answer> answer) {
        return new RecordingServer(null, null, answer);
    }

    public static RecordingServer tls(TestCa.Leaf leaf, Function<Request, Answer> answer) {
        return new RecordingServer(leaf, null, answer);
    }

    /** A TLS server that ends the handshake unless the client shows a certificate {@code clients} issued. */
    public static RecordingServer tlsWithClientCertificates(TestCa.Leaf leaf, TestCa clients,
            Function<Request, Answer> answer) {
        return new RecordingServer(leaf, clients, answer);
    }

    public String url(String path) {
        return (tls ? "https" : "http") + "://127.0.0.1:" + server.actualPort() + path;
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * The latest request for {@code path} (a probe's audit also asks for /robots.txt and sends a
     * CORS preflight); fails if there was none.
     */
    public Request last(String method, String path) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            Request request = requests.get(i);
            if (request.method().equals(method) && request.path().equals(path)) {
                return request;
            }
        }
        throw new IllegalStateException("no " + method + " " + path + " yet, only " + requests);
    }

    @Override
    public void close() {
        Future<Void> closing = vertx.close();
        closing.toCompletionStage().toCompletableFuture().join();
    }
}
