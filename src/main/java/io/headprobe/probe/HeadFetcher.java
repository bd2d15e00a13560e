package io.headprobe.probe;

import java.net.InetAddress;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.guard.TargetUrl;
import io.headprobe.http.Header;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

/**
 * Sends one request to an address that the caller resolved and checked, and returns as soon as
 * the response head is in: the body is not read, the connection is closed instead (the seed's
 * "read until the blank line"), unless the options ask for the body of the final response: then
 * its bytes are read up to a cap, or until the probe's time is up, and the hop carries them. It
 * works on Netty directly, on Vert.x's event loops, one phase at
 * a time (connect, TLS, request, head) so that each phase is timed and TLS can be looked at even
 * when verification fails. https offers h2 and http/1.1 by ALPN; plain http is HTTP/1.1 as is.
 */
@ApplicationScoped
public class HeadFetcher {

    static final String USER_AGENT = "HeadProbe/1.0";

    /** The content codings HeadProbe decodes, offered only when it reads the body. */
    static final String ACCEPT_ENCODING = "gzip, deflate, br";

    private final Vertx vertx;
    private final ProbeConfig config;
    private final ProbeTls tls;
    private final Bootstrap bootstrap;

    @Inject
    public HeadFetcher(Vertx vertx, ProbeConfig config, ProbeTls tls) {
        this.vertx = vertx;
        this.config = config;
        this.tls = tls;
        bootstrap = ProbeBootstrap.of(vertx, new Idle());
    }

    /**
     * The pipeline's last handler until the request goes out. During connect and TLS, failures are
     * reported by their futures, so an exception reaching here is already known.
     */
    @ChannelHandler.Sharable
    private static final class Idle extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // known through the connect or handshake future
        }
    }

    /** The connection closed before a complete response head came in. */
    static final class ClosedEarlyException extends RuntimeException {
        ClosedEarlyException() {
            super("the target closed the connection before a complete response head", null, false, false);
        }
    }

    /** The TCP connection to one address could not be made: the next address may do better. */
    static final class ConnectAttemptException extends RuntimeException {
        ConnectAttemptException(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** HeadProbe itself could not go on with a step of the exchange (a bug, or input it should have refused). */
    static final class StepFailedException extends RuntimeException {
        StepFailedException(String where, Throwable cause) {
            super("HeadProbe could not go on " + where + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause, false, false);
        }
    }

    /** The certificate did not verify; what the handshake showed goes with the error. */
    static final class TlsVerificationException extends RuntimeException {
        final TlsInfo tls;

        TlsVerificationException(TlsInfo tls) {
            super(tls.verifyMessage(), null, false, false);
            this.tls = tls;
        }
    }

    /**
     * How a fetch reaches its target through an HTTP proxy, whose address is the one connected to.
     *
     * @param tunnelTo host:port the CONNECT of an https target names
     * @param remoteAddress what the hop reports as the address it reached: the target's when it
     *        was resolved and checked here; null for the proxy's
     */
    record Via(HttpProxy.Proxy proxy, String tunnelTo, List<Header> connectHeaders, String remoteAddress) {
    }

    /** The proxy did not take the request on, or could not be reached. */
    static final class ProxyException extends ConnectException {
        ProxyException(String message) {
            super(message);
        }
    }

    /** The event loop for a probe's connections (one after the other, they share it). */
    EventLoop nextLoop() {
        return vertx.nettyEventLoopGroup().next();
    }

    /**
     * @param loop runs the connection and every callback of this fetch
     * @param deadline when (a System.nanoTime()) a body being read is given up as it is, truncated
     */
    Uni<Hop> fetch(TargetUrl url, InetAddress address, ProbeOptions options, long connectTimeoutMs, EventLoop loop,
            long deadline) {
        return fetch(url, address, null, options, connectTimeoutMs, loop, deadline);
    }

    /** @param via the proxy {@code address} is one of; null when it is the target's */
    Uni<Hop> fetch(TargetUrl url, InetAddress address, Via via, ProbeOptions options, long connectTimeoutMs,
            EventLoop loop, long deadline) {
        return Uni.createFrom().emitter(emitter -> {
            Exchange exchange = new Exchange(url, address, via, options, emitter, deadline);
            emitter.onTermination(exchange::close);
            exchange.connect(connectTimeoutMs, loop);
        });
    }

    /** One request and its response head, phase by phase. Callbacks run on the channel's event loop. */
    final class Exchange {
        private final TargetUrl url;
        private final InetAddress address;
        private final Via via;
        private final ProbeOptions options;
        private final UniEmitter<? super Hop> emitter;
        private final long deadline;
        private final AtomicBoolean over = new AtomicBoolean();
        private final long start = System.nanoTime();
        private volatile Channel channel;
        /** Made on the event loop, read by {@link #close()} from whichever thread cancels. */
        private volatile ProbeTls.Connection tlsConnection;
        private TlsInfo tlsInfo;
        private long connected;
        /** When the proxy's tunnel was up; the connect's time without a proxy. */
        private long tunneled;
        private long secured;
        private long written;
        /** Once the head of a final response whose body is read is in. */
        private volatile BodyReading reading;

        Exchange(TargetUrl url, InetAddress address, Via via, ProbeOptions options, UniEmitter<? super Hop> emitter,
                long deadline) {
            this.url = url;
            this.address = address;
            this.via = via;
            this.options = options;
            this.emitter = emitter;
            this.deadline = deadline;
        }

        void connect(long connectTimeoutMs, EventLoop loop) {
            ChannelFuture connecting = bootstrap.clone(loop)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeoutMs)))
                    .connect(new InetSocketAddress(address, via == null ? url.port() : via.proxy().url().port()));
            channel = connecting.channel();
            if (over.get()) {
                channel.close();
            }
            connecting.addListener(done -> step("after connecting", () -> {
                if (!done.isSuccess()) {
                    fail(new ConnectAttemptException(done.cause()));
                    return;
                }
                if (over.get()) {
                    // Cancelled (timeout) before the channel was registered: nothing closed it yet.
                    close();
                    return;
                }
                connected = System.nanoTime();
                tunneled = connected;
                if (url.https() && via != null) {
                    tunnel();
                } else if (url.https()) {
                    secure();
                } else {
                    sendHttp1();
                }
            }));
        }

        /**
         * Asks the proxy for a tunnel to the target, as Go's client does: the CONNECT, the module's
         * headers and the proxy URL's credentials; any answer but 200 ends the probe.
         */
        private void tunnel() {
            StringBuilder head = new StringBuilder("CONNECT ").append(via.tunnelTo()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(via.tunnelTo()).append("\r\n")
                    .append("User-Agent: ").append(USER_AGENT).append("\r\n");
            for (Header header : via.connectHeaders()) {
                head.append(header.name()).append(": ").append(header.value()).append("\r\n");
            }
            if (via.proxy().authorization() != null) {
                head.append("Proxy-Authorization: ").append(via.proxy().authorization()).append("\r\n");
            }
            head.append("\r\n");
            channel.pipeline().addFirst(new TunnelAnswer(this, config.maxHeaderBytes()));
            channel.writeAndFlush(Unpooled.copiedBuffer(head, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .addListener(done -> step("after writing the CONNECT", () -> {
                        if (done.isSuccess()) {
                            channel.read();
                        } else {
                            fail(done.cause());
                        }
                    }));
        }

        /** The proxy's answer to the CONNECT: its status line, and nothing after the head. */
        void tunnelAnswered(String statusLine, boolean more) {
            step("after the proxy's answer", () -> {
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[1].equals("200")) {
                    fail(new ProxyException("the proxy " + via.proxy().address() + " refused the CONNECT to " + via.tunnelTo()
                            + ": " + (parts.length < 2 ? "unknown status code" : String.join(" ", List.of(parts).subList(1, parts.length)))));
                    return;
                }
                if (more) {
                    fail(new ProxyException("the proxy " + via.proxy().address() + " sent bytes after its answer to the CONNECT"));
                    return;
                }
                channel.pipeline().remove(TunnelAnswer.class);
                tunneled = System.nanoTime();
                secure();
            });
        }

        void tunnelClosed() {
            fail(new ProxyException("the proxy " + via.proxy().address() + " closed the connection before answering the CONNECT"));
        }

        private void secure() {
            tlsConnection = tls.connect(url, options.http2(), options.tlsVerify(), options.caFile(), options.tlsClient());
            if (over.get()) {
                // Cancelled while the engine was made: close() may have run before it could see it.
                close();
                return;
            }
            SslHandler ssl = new SslHandler(tlsConnection.engine());
            ssl.setHandshakeTimeoutMillis(0); // the probe's own timeout covers the handshake
            channel.pipeline().addFirst(ssl);
            channel.read(); // the first read; the handler asks for more until the handshake is done
            ssl.handshakeFuture().addListener(done -> step("after the TLS handshake", () -> {
                secured = System.nanoTime();
                CapturingTrustManager.Handshake seen = tlsConnection.handshake();
                if (!done.isSuccess()) {
                    fail(seen.failure != null && seen.chain != null
                            ? new TlsVerificationException(tlsInfo(seen, null))
                            : handshakeFailure(done.cause()));
                    return;
                }
                tlsInfo = tlsInfo(seen, ssl.engine().getSession());
                // The JDK engine's own answer: Netty's accessor knows only engines Netty wrapped.
                if ("h2".equals(tlsConnection.engine().getApplicationProtocol())) {
                    sendHttp2();
                } else {
                    sendHttp1();
                }
            }));
        }

        /** From what the verifier saw, or, for a resumed session it did not see, from the session. */
        private TlsInfo tlsInfo(CapturingTrustManager.Handshake seen, SSLSession session) {
            String alpn = session == null ? seen.alpn : tlsConnection.engine().getApplicationProtocol();
            String protocol = session == null ? seen.protocol : session.getProtocol();
            String cipher = session == null ? seen.cipher : session.getCipherSuite();
            X509Certificate[] chain = seen.chain;
            if (chain == null && session != null) {
                chain = peerChain(session);
            }
            return TlsFacts.of(protocol, cipher, alpn == null || alpn.isEmpty() ? null : alpn,
                    chain == null ? new X509Certificate[0] : chain, seen.failure, Instant.now());
        }

        private void sendHttp1() {
            channel.pipeline().remove(Idle.class);
            channel.pipeline().addLast(
                    new HttpClientCodec(Math.min(config.maxHeaderBytes(), 8192), config.maxHeaderBytes(), 8192),
                    new Http1HeadReader(this));
            channel.config().setAutoRead(true);
            // To a proxy, the target in absolute form, with the Host sent as its authority (as Go does).
            String target = via == null ? url.pathAndQuery() : "http://" + options.hostHeader(url) + url.pathAndQuery();
            DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                    io.netty.handler.codec.http.HttpMethod.valueOf(options.method().name()), target,
                    options.requestBody() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(options.requestBody()));
            request.headers().set(HttpHeaderNames.HOST, options.hostHeader(url));
            request.headers().set(HttpHeaderNames.USER_AGENT, USER_AGENT);
            request.headers().set(HttpHeaderNames.ACCEPT, "*/*");
            for (Header header : options.headers()) {
                request.headers().add(header.name(), header.value());
            }
            if (offersEncodings()) {
                request.headers().set(HttpHeaderNames.ACCEPT_ENCODING, ACCEPT_ENCODING);
            }
            String length = contentLength();
            if (length != null) {
                request.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
            }
            if (via != null && via.proxy().authorization() != null) {
                request.headers().set(HttpHeaderNames.PROXY_AUTHORIZATION, via.proxy().authorization());
            }
            // One request per connection: the head (and perhaps the body) is all we read.
            request.headers().set(HttpHeaderNames.CONNECTION, "close");
            channel.writeAndFlush(request).addListener(done -> step("after writing the request", () -> written(done)));
        }

        private void sendHttp2() {
            Http2FrameCodec codec = Http2FrameCodecBuilder.forClient()
                    .initialSettings(Http2Settings.defaultSettings().maxHeaderListSize(config.maxHeaderBytes()))
                    .build();
            Http2HeadReader reader = new Http2HeadReader(this);
            channel.pipeline().remove(Idle.class);
            channel.pipeline().addLast(codec, reader);
            channel.config().setAutoRead(true);
            DefaultHttp2Headers headers = new DefaultHttp2Headers();
            headers.method(options.method().name()).scheme("https").authority(options.hostHeader(url)).path(url.pathAndQuery());
            headers.add("user-agent", USER_AGENT);
            headers.add("accept", "*/*");
            for (Header header : options.headers()) {
                headers.add(header.name().toLowerCase(Locale.ROOT), header.value());
            }
            if (offersEncodings()) {
                headers.add("accept-encoding", ACCEPT_ENCODING);
            }
            String length = contentLength();
            if (length != null) {
                headers.add("content-length", length);
            }
            byte[] content = options.requestBody();
            if (content == null || content.length == 0) {
                channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true).stream(reader.open()))
                        .addListener(done -> step("after writing the request", () -> written(done)));
                return;
            }
            // One DATA frame; Netty's flow controller splits it to the peer's window when it is larger.
            Http2FrameStream stream = reader.open();
            channel.write(new DefaultHttp2HeadersFrame(headers, false).stream(stream));
            channel.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(content), true).stream(stream))
                    .addListener(done -> step("after writing the request", () -> written(done)));
        }

        /**
         * The request body's length, as Go's client sends it: for a body, and 0 for a POST, PUT or
         * PATCH without one (servers may refuse such a request without a length); null otherwise.
         */
        private String contentLength() {
            if (options.requestBody() != null) {
                return Integer.toString(options.requestBody().length);
            }
            String method = options.method().name();
            return method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? "0" : null;
        }

        /** When the body is read, unless the client chose its own Accept-Encoding. */
        private boolean offersEncodings() {
            return options.body() != null && Header.first(options.headers(), "Accept-Encoding") == null;
        }

        private void written(Future<? super Void> done) {
            if (done.isSuccess()) {
                written = System.nanoTime();
            } else {
                fail(done.cause());
            }
        }

        /**
         * Runs one step of the exchange from a Netty callback. Netty only logs what a listener
         * throws, which would leave the probe waiting for its timeout: the throw ends it now.
         */
        private void step(String where, Runnable step) {
            try {
                step.run();
            } catch (Throwable failure) {
                fail(new StepFailedException(where, failure));
            }
        }

        void head(int status, String httpVersion, Iterable<Map.Entry<String, String>> received) {
            long now = System.nanoTime();
            List<Header> headers = new ArrayList<>();
            received.forEach(header -> headers.add(new Header(header.getKey(), header.getValue())));
            ProbeResult.Timings timings = new ProbeResult.Timings(null, null, ProbeResult.Timings.ms(connected - start),
                    url.https() ? ProbeResult.Timings.ms(secured - tunneled) : null,
                    ProbeResult.Timings.ms(now - (written == 0 ? now : written)));
            String remote = via == null || via.remoteAddress() == null ? NetUtil.toAddressString(address) : via.remoteAddress();
            Hop hop = new Hop(status, httpVersion, List.copyOf(headers), remote, timings, tlsInfo,
                    null);
            if (reading == null && !over.get() && readsBody(hop)) {
                BodyReading started = new BodyReading(hop, options.body().maxBytes(), this::complete);
                reading = started;
                started.endBy(deadline, channel.eventLoop(), () -> step("when the time for the body ran out", started::cut));
                if (over.get()) {
                    // Cancelled meanwhile: close() may have looked before the timer was there.
                    started.cancel();
                }
                return;
            }
            complete(hop);
        }

        /** The final response's body is read when asked for; a redirect that will be followed is not final. */
        private boolean readsBody(Hop hop) {
            return options.body() != null && !hop.isFollowed(options.followRedirects());
        }

        /**
         * Some of the body, or its end: the head's receiver hands on what comes after the head.
         * The buffer is not released here: the receiver owns it.
         */
        void content(ByteBuf content, boolean last) {
            if (reading != null && !over.get()) {
                reading.content(content, last);
            }
        }

        private void complete(Hop hop) {
            if (over.compareAndSet(false, true)) {
                emitter.complete(hop);
            }
            // Closed in any case: a head that comes in after a cancellation still holds a connection.
            close();
        }

        void fail(Throwable failure) {
            if (reading != null && !over.get()) {
                // Once the head is in, a broken or closed connection only ends the body early.
                reading.cut();
                return;
            }
            if (over.compareAndSet(false, true)) {
                emitter.fail(failure);
            }
            close();
        }

        void close() {
            over.set(true);
            BodyReading unfinished = reading;
            if (unfinished != null) {
                unfinished.cancel();
            }
            Channel open = channel;
            // A channel that never got registered (the connect failed at once) has nothing to close.
            if (open != null && open.isRegistered()) {
                open.close();
            }
        }
    }

    /**
     * Whatever ends the handshake is a TLS failure: a plain-text answer, or the peer closing the
     * connection first, which of the two comes first depends on timing.
     */
    private static SSLException handshakeFailure(Throwable cause) {
        // Netty's NotSslRecordException is an SSLException whose message is the whole record in hex.
        if (cause instanceof SSLException ssl && !(cause instanceof NotSslRecordException)) {
            return ssl;
        }
        String why = cause instanceof NotSslRecordException ? "the target does not speak TLS on this port"
                : cause instanceof ClosedChannelException ? "the target closed the connection during the TLS handshake"
                : cause.getMessage();
        SSLException failure = new SSLException("TLS handshake failed: " + why);
        failure.initCause(cause);
        return failure;
    }

    private static X509Certificate[] peerChain(SSLSession session) {
        try {
            return Arrays.stream(session.getPeerCertificates())
                    .filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast)
                    .toArray(X509Certificate[]::new);
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
