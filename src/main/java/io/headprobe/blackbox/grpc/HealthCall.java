package io.headprobe.blackbox.grpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import io.headprobe.http.Header;
import io.headprobe.probe.ProbeTls;
import io.headprobe.probe.TlsInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * One health check once connected: TLS with ALPN h2 for a {@code tls: true} module (else h2c with
 * prior knowledge, as grpc-go), then one HTTP/2 stream: the request, the response headers, the
 * message and the trailers (or a Trailers-Only response). Runs on the channel's event loop; the
 * first of the trailers, a failure and the deadline ends it and closes the connection. The peer
 * cannot make it keep much: the header list is capped by the HTTP/2 settings, the window is
 * never given back (so at most 64 KiB of DATA come), and a message over
 * {@link HealthWire#MAX_MESSAGE} ends the call.
 */
final class HealthCall extends Http2ChannelDuplexHandler {

    /** Where the probe connects and how it names the server. */
    record Peer(String authority, String serverName, int port, double dnsSeconds, String address) {
    }

    private static final String USER_AGENT = "grpc-headprobe/1.0";
    private static final int MAX_HEADER_LIST = 8192;

    private final GrpcModule module;
    private final ProbeTls tls;
    private final Peer peer;
    private final long checkStart;
    private final UniEmitter<? super GrpcResult> emitter;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final StringBuilder log = new StringBuilder();
    private Channel channel;
    private ScheduledFuture<?> timeUp;
    private Http2FrameStream stream;
    private ProbeTls.Connection tlsConnection;
    private boolean answered;
    private boolean over;

    HealthCall(GrpcModule module, ProbeTls tls, Peer peer, long checkStart, UniEmitter<? super GrpcResult> emitter) {
        this.module = module;
        this.tls = tls;
        this.peer = peer;
        this.checkStart = checkStart;
        this.emitter = emitter;
    }

    /** On the channel's event loop, once connected. */
    void start(Channel connected, long deadline) {
        channel = connected;
        log("Successfully dialed " + peer.address() + " port " + peer.port());
        timeUp = channel.eventLoop().schedule(
                () -> act(() -> end(HealthWire.DEADLINE_EXCEEDED, null, "context deadline exceeded (the probe's timeout)")),
                Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (module.tls()) {
            tlsConnection = tls.connectH2(peer.serverName(), peer.port(), !module.insecureSkipVerify(),
                    module.caFile().orElse(null));
            SslHandler ssl = new SslHandler(tlsConnection.engine());
            ssl.setHandshakeTimeoutMillis(0); // the probe's deadline covers the handshake
            channel.pipeline().addLast(ssl);
            ssl.handshakeFuture().addListener(done -> act(() -> {
                if (!done.isSuccess()) {
                    TlsInfo seen = tlsConnection.facts();
                    end(HealthWire.UNAVAILABLE, null, "connection error: TLS handshake failed: "
                            + (seen != null && seen.verifyMessage() != null ? seen.verifyMessage() : describe(done.cause())));
                }
            }));
        }
        // The codec sends the preface as soon as it is added; over TLS the SslHandler holds what is
        // written until the handshake is done, so the request can be written now in both cases.
        channel.pipeline().addLast(Http2FrameCodecBuilder.forClient()
                .initialSettings(Http2Settings.defaultSettings().maxHeaderListSize(MAX_HEADER_LIST).pushEnabled(false))
                .build(), this);
        channel.config().setAutoRead(true);
        act(this::send);
    }

    private void send() {
        DefaultHttp2Headers headers = new DefaultHttp2Headers();
        headers.method("POST").scheme(module.tls() ? "https" : "http").path(HealthWire.PATH).authority(peer.authority());
        headers.add("content-type", "application/grpc");
        headers.add("user-agent", USER_AGENT);
        headers.add("te", "trailers");
        for (Header header : module.metadata()) {
            // As grpc-go: a "-bin" value goes base64 encoded, without padding.
            headers.add(header.name(), header.name().endsWith("-bin")
                    ? Base64.getEncoder().withoutPadding().encodeToString(header.value().getBytes(StandardCharsets.UTF_8))
                    : header.value());
        }
        stream = newStream();
        log("Calling " + HealthWire.PATH + " for service \"" + module.service() + "\"");
        channel.write(new DefaultHttp2HeadersFrame(headers, false).stream(stream));
        channel.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(HealthWire.request(module.service())), true)
                .stream(stream)).addListener(done -> {
                    if (!done.isSuccess()) {
                        act(() -> end(HealthWire.UNAVAILABLE, null, "failed to send the request: " + describe(done.cause())));
                    }
                });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            act(() -> read(msg));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void read(Object msg) {
        if (msg instanceof Http2HeadersFrame frame && frame.stream() != null) {
            if (!answered) {
                answered = true;
                if (!response(frame.headers())) {
                    return;
                }
            } else if (!frame.isEndStream()) {
                end(HealthWire.INTERNAL, null, "a second HEADERS frame that does not end the stream");
                return;
            }
            if (frame.isEndStream()) {
                trailers(frame.headers()); // the trailers, or a Trailers-Only response's one HEADERS frame
            }
        } else if (msg instanceof Http2DataFrame frame && frame.stream() != null) {
            take(frame.content());
            if (!over && frame.isEndStream()) {
                end(HealthWire.INTERNAL, null, "server closed the stream without sending trailers");
            }
        } else if (msg instanceof Http2ResetFrame reset) {
            end(HealthWire.fromResetCode(reset.errorCode()), null,
                    "stream terminated by RST_STREAM with error code: " + Http2Error.valueOf(reset.errorCode()));
        } else if (msg instanceof Http2GoAwayFrame goAway && (stream == null || goAway.lastStreamId() < stream.id())) {
            end(HealthWire.UNAVAILABLE, null, "the server sent GOAWAY: " + Http2Error.valueOf(goAway.errorCode()));
        }
    }

    /** The response's first HEADERS: false when they already end the call (not gRPC). */
    private boolean response(Http2Headers headers) {
        CharSequence status = headers.status();
        CharSequence type = headers.get("content-type");
        boolean grpc = type != null && (type.toString().equals("application/grpc")
                || type.toString().startsWith("application/grpc+") || type.toString().startsWith("application/grpc;"));
        if (status == null) {
            end(HealthWire.INTERNAL, null, "malformed header: missing HTTP status");
            return false;
        }
        if (!"200".contentEquals(status) || !grpc) {
            int code;
            try {
                code = HealthWire.fromHttpStatus(Integer.parseInt(status.toString()));
            } catch (NumberFormatException e) {
                code = HealthWire.INTERNAL;
            }
            end(code, null, "unexpected HTTP status code " + status + " with content-type \"" + type + "\"");
            return false;
        }
        return true;
    }

    private void take(ByteBuf content) {
        byte[] bytes = ByteBufUtil.getBytes(content);
        if (data.size() + bytes.length > HealthWire.MAX_MESSAGE + 5) {
            end(HealthWire.RESOURCE_EXHAUSTED, null, "the response is over " + HealthWire.MAX_MESSAGE + " bytes");
            return;
        }
        data.writeBytes(bytes);
        if (data.size() >= 5 && HealthWire.declaredLength(data.toByteArray()) > HealthWire.MAX_MESSAGE) {
            end(HealthWire.RESOURCE_EXHAUSTED, null, "grpc: received message larger than max ("
                    + HealthWire.declaredLength(data.toByteArray()) + " vs. " + HealthWire.MAX_MESSAGE + ")");
        }
    }

    private void trailers(Http2Headers trailers) {
        CharSequence status = trailers.get("grpc-status");
        CharSequence message = trailers.get("grpc-message");
        int code;
        try {
            // grpc-go: a missing grpc-status is Unknown, one that is no number Internal.
            code = status == null ? HealthWire.UNKNOWN : Integer.parseInt(status.toString());
        } catch (NumberFormatException e) {
            end(HealthWire.INTERNAL, null, "transport: malformed grpc-status: " + status);
            return;
        }
        if (code != HealthWire.OK) {
            end(code, null, "rpc error: code = " + code + " desc = " + (message == null ? "" : message));
            return;
        }
        try {
            String serving = HealthWire.servingStatus(data.toByteArray());
            end(HealthWire.OK, serving, "the health check answered " + serving);
        } catch (HealthWire.Malformed e) {
            end(e.code, null, e.getMessage());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        act(() -> end(HealthWire.UNAVAILABLE, null, "error reading from server: the connection closed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed handshake is reported by its future, with what the verifier saw.
        if (tlsConnection == null || isHandshakeDone()) {
            act(() -> end(HealthWire.UNAVAILABLE, null, "connection error: " + describe(cause)));
        }
    }

    private boolean isHandshakeDone() {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        return ssl != null && ssl.handshakeFuture().isSuccess();
    }

    /**
     * As grpc-go: the peer (and its TLS state) is known only for a call that returned a message,
     * so the TLS metrics come with a serving status only.
     */
    private void end(int code, String servingStatus, String why) {
        if (over) {
            return;
        }
        over = true;
        timeUp.cancel(false);
        log(why);
        TlsInfo tlsInfo = servingStatus != null && tlsConnection != null ? tlsConnection.facts() : null;
        emitter.complete(new GrpcResult(peer.dnsSeconds(), peer.address(), (System.nanoTime() - checkStart) / 1e9, code,
                servingStatus, tlsInfo, log.toString()));
        channel.close();
    }

    /** Netty only logs what a callback throws, which would leave the probe to its deadline: end it now. */
    private void act(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            end(HealthWire.INTERNAL, null, "HeadProbe could not go on: " + describe(e));
        }
    }

    private void log(String message) {
        log.append("msg=\"").append(message.replace("\"", "'")).append("\"\n");
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
