package io.headprobe.probe;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.http.Header;
import io.headprobe.guard.TargetUrl;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Sends one request to an address that the caller resolved and checked, and returns as soon as
 * the response head is in: the body is never read, the connection is closed instead. This is the
 * seed's "read until the blank line", on Vert.x's event loop.
 */
@ApplicationScoped
public class HeadFetcher {

    @Inject
    Vertx vertx;

    @Inject
    ProbeConfig config;

    private HttpClient client;

    @PostConstruct
    void createClient() {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(false)
                .setMaxHeaderSize(config.maxHeaderBytes())
                .setMaxInitialLineLength(Math.min(config.maxHeaderBytes(), 8192))
                .setTryUseCompression(false)
                .setVerifyHost(true)
                // The request goes to an IP address; TLS must still name and verify the host.
                .setForceSni(true);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxInFlight());
        client = vertx.createHttpClient(options, pool);
    }

    @PreDestroy
    void closeClient() {
        client.close();
    }

    Uni<Hop> fetch(TargetUrl url, InetAddress address, HttpMethod method, long timeoutMs) {
        RequestOptions request = new RequestOptions()
                .setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(url.port(), address.getHostAddress()))
                .setHost(url.hostHeader())
                .setPort(url.port())
                .setSsl(url.https())
                .setURI(url.pathAndQuery())
                .setConnectTimeout(timeoutMs)
                // A safety net: the caller's timeout cancels first and resets the request.
                .setIdleTimeout(timeoutMs)
                .putHeader("User-Agent", "HeadProbe/1.0")
                .putHeader("Accept", "*/*");
        return Uni.createFrom().emitter(emitter -> {
            long start = System.nanoTime();
            AtomicBoolean over = new AtomicBoolean();
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            // Done, failed or cancelled (timeout): close the connection; a body is never read.
            emitter.onTermination(() -> {
                over.set(true);
                HttpClientRequest req = sent.get();
                if (req != null) {
                    req.reset();
                }
            });
            client.request(request)
                    .compose(req -> {
                        sent.set(req);
                        if (over.get()) {
                            req.reset();
                            return Future.failedFuture(new CancellationException("cancelled while connecting"));
                        }
                        return req.send();
                    })
                    .onSuccess(response -> {
                        // The reset that ends every fetch fails the response; that is expected, not news.
                        response.exceptionHandler(expected -> {
                        });
                        List<Header> headers = new ArrayList<>();
                        for (Map.Entry<String, String> header : response.headers()) {
                            headers.add(new Header(header.getKey(), header.getValue()));
                        }
                        double headersMs = (System.nanoTime() - start) / 1e6;
                        emitter.complete(new Hop(response.statusCode(), version(response.version()), List.copyOf(headers),
                                address.getHostAddress(), headersMs));
                    })
                    .onFailure(emitter::fail);
        });
    }

    private static String version(io.vertx.core.http.HttpVersion version) {
        return switch (version) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
        };
    }
}
