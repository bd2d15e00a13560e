package io.headprobe.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * A gRPC health service (grpc.health.v1.Health/Check) on 127.0.0.1, a small Vert.x HTTP/2 server
 * answering as grpc-go's health server does: plain h2c with prior knowledge, or TLS with ALPN h2
 * presenting a {@link TestCa.Leaf}. The service asked for decides the answer: "" and "service1" are
 * SERVING, "down" is NOT_SERVING, "odd" answers the status number 7 (no name in the proto), and
 * "flood" declares a message of 2 GiB and sends DATA until the client stops it, and any other is
 * refused with grpc-status 5 (NOT_FOUND) in a Trailers-Only response. It records the
 * request headers it saw. It runs on a Vert.x of its own, as {@link TlsServer}.
 */
public final class GrpcHealthServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<MultiMap> seen = new CopyOnWriteArrayList<>();

    private GrpcHealthServer(TestCa.Leaf leaf) {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0);
        if (leaf != null) {
            options.setSsl(true).setKeyCertOptions(leaf.keyCertOptions()).setUseAlpn(true)
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2));
        }
        server = TlsServer.await(vertx.createHttpServer(options).requestHandler(this::answer).listen());
    }

    /** h2c with prior knowledge, as a plain gRPC server. */
    public static GrpcHealthServer plain() {
        return new GrpcHealthServer(null);
    }

    public static GrpcHealthServer tls(TestCa.Leaf leaf) {
        return new GrpcHealthServer(leaf);
    }

    private void answer(HttpServerRequest request) {
        seen.add(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        request.body().onSuccess(body -> {
            var response = request.response().putHeader("content-type", "application/grpc");
            if (!request.path().equals("/grpc.health.v1.Health/Check")) {
                response.putHeader("grpc-status", "12").end();
                return;
            }
            if (service(body).equals("flood")) {
                response.write(Buffer.buffer(new byte[] { 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0 }));
                response.write(Buffer.buffer(new byte[256 * 1024]));
                return;
            }
            Integer status = switch (service(body)) {
                case "", "service1" -> 1;
                case "down" -> 2;
                case "odd" -> 7;
                default -> null;
            };
            if (status == null) {
                // grpc-go's health server: status.Error(codes.NotFound, "unknown service"), sent Trailers-Only.
                response.putHeader("grpc-status", "5").putHeader("grpc-message", "unknown service").end();
                return;
            }
            response.putTrailer("grpc-status", "0");
            response.end(Buffer.buffer(new byte[] { 0, 0, 0, 0, 2, 0x08, status.byteValue() }));
        });
    }

    /** HealthCheckRequest.service: field 1 (tag 0x0A), a one-byte length in these tests. */
    private static String service(Buffer body) {
        if (body.length() <= 5) {
            return "";
        }
        int length = body.getByte(6);
        return body.getString(7, 7 + length, StandardCharsets.UTF_8.name());
    }

    public int port() {
        return server.actualPort();
    }

    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    /** The request headers of each call so far, oldest first. */
    public List<MultiMap> requests() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        TlsServer.await(vertx.close());
    }
}
