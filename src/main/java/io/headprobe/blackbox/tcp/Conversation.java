package io.headprobe.blackbox.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.re2j.Matcher;

import io.headprobe.probe.ProbeTls;
import io.headprobe.probe.TlsInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * A tcp probe once connected: the TLS handshake of a {@code tls: true} module, then the module's
 * query_response steps as the peer's data comes. Runs on the channel's event loop; the first of
 * the last step, a failure and the deadline ends it and closes the connection. What the peer
 * sends is kept only until a step used it, and never more than {@link LineBuffer#MAX_LINE} bytes
 * without a line feed, so a peer that floods or never answers costs a bounded buffer and the
 * probe's time.
 */
final class Conversation extends ChannelInboundHandlerAdapter {

    /** Where the probe connected, as the metrics need it. */
    record Peer(String serverName, int port, double dnsSeconds, String address) {
    }

    private final TcpModule module;
    private final ProbeTls tls;
    private final Peer peer;
    private final UniEmitter<? super TcpResult> emitter;
    private final LineBuffer buffer = new LineBuffer();
    private final StringBuilder log = new StringBuilder();
    private Channel channel;
    private ScheduledFuture<?> timeUp;
    private int step;
    /** The current step's expect matched; its send and bytes are next. */
    private Matcher matched;
    private boolean ended;
    private boolean handshaking;
    private boolean over;
    private boolean failedDueToRegex;
    private boolean failedDueToBytes;
    private Map<String, String> expectInfo;
    private TlsInfo tlsInfo;

    Conversation(TcpModule module, ProbeTls tls, Peer peer, UniEmitter<? super TcpResult> emitter) {
        this.module = module;
        this.tls = tls;
        this.peer = peer;
        this.emitter = emitter;
    }

    /** On the channel's event loop, once connected. */
    void start(Channel connected, long deadline) {
        channel = connected;
        log("Successfully dialed " + peer.address() + " port " + peer.port());
        timeUp = channel.eventLoop().schedule(() -> act(() -> end(false, "no answer within the probe's timeout")),
                Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        channel.pipeline().addLast(this);
        channel.config().setAutoRead(true);
        if (module.tls()) {
            secure();
        } else {
            act(this::advance);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        try {
            buffer.add(ByteBufUtil.getBytes(data));
        } finally {
            data.release();
        }
        act(() -> {
            advance();
            if (!over && buffer.overfull()) {
                end(false, "the peer sent more than " + LineBuffer.MAX_LINE + " bytes without a line feed");
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ended = true;
        act(() -> {
            advance();
            if (!over && !handshaking) {
                end(false, "the peer closed the connection");
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed handshake is known through its future, with what the verifier saw.
        if (!handshaking) {
            act(() -> end(false, "error reading from the connection: " + describe(cause)));
        }
    }

    /** Runs the steps as far as the data that came allows. */
    private void advance() {
        while (!over && !handshaking && step < module.queryResponse().size()) {
            QueryStep current = module.queryResponse().get(step);
            if (current.expect() != null && matched == null) {
                matched = matchingLine(current);
                if (matched == null) {
                    if (ended) {
                        failedDueToRegex = true;
                        end(false, "no line matched the regexp " + current.expect());
                    }
                    return;
                }
                failedDueToRegex = false;
                if (!current.labels().isEmpty()) {
                    expectInfo = labels(current, matched);
                }
            }
            if (current.expectBytes() != null) {
                byte[] bytes = buffer.take(current.expectBytes().length);
                if (bytes == null) {
                    if (ended) {
                        end(false, "the peer closed the connection before " + current.expectBytes().length + " bytes");
                    }
                    return;
                }
                if (!Arrays.equals(bytes, current.expectBytes())) {
                    failedDueToBytes = true;
                    end(false, "the bytes read did not match expect_bytes");
                    return;
                }
            }
            String send = current.send() == null || matched == null ? current.send()
                    : GoTemplate.expand(current.send(), matched);
            matched = null;
            step++;
            ChannelFuture sent = send == null || send.isEmpty() ? channel.newSucceededFuture()
                    : send(send, current.sendsBytes() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            if (current.startTls()) {
                handshaking = true;
                sent.addListener(done -> act(() -> {
                    if (done.isSuccess()) {
                        secure();
                    } else {
                        end(false, "failed to send: " + describe(done.cause()));
                    }
                }));
                return;
            }
        }
        if (!over && !handshaking) {
            end(true, "Probe succeeded");
        }
    }

    private Matcher matchingLine(QueryStep current) {
        String line;
        while ((line = buffer.nextLine(ended)) != null) {
            Matcher matcher = current.expect().matcher(line);
            if (matcher.find()) {
                log("Regexp " + current.expect() + " matched the line \"" + line + "\"");
                return matcher;
            }
        }
        return null;
    }

    private static Map<String, String> labels(QueryStep current, Matcher match) {
        Map<String, String> labels = new LinkedHashMap<>();
        current.labels().forEach(label -> labels.put(label.name(), GoTemplate.expand(label.value(), match)));
        return labels;
    }

    /** As Go's Fprintf("%s\n"): the line feed follows even bytes given as !!binary. */
    private ChannelFuture send(String line, java.nio.charset.Charset charset) {
        log("Sending line \"" + line + "\"");
        ChannelFuture sent = channel.writeAndFlush(Unpooled.wrappedBuffer((line + "\n").getBytes(charset)));
        sent.addListener(done -> {
            if (!done.isSuccess()) {
                act(() -> end(false, "failed to send: " + describe(done.cause())));
            }
        });
        return sent;
    }

    /** The handshake at the start ({@code tls: true}) or on a step's starttls; the steps go on after it. */
    private void secure() {
        handshaking = true;
        ProbeTls.Connection connection = tls.connect(peer.serverName(), peer.port(), !module.insecureSkipVerify(),
                module.caFile().orElse(null), module.clientCertificate());
        SslHandler ssl = new SslHandler(connection.engine());
        ssl.setHandshakeTimeoutMillis(0); // the probe's deadline covers the handshake
        channel.pipeline().addFirst(ssl);
        ssl.handshakeFuture().addListener(done -> act(() -> {
            handshaking = false;
            tlsInfo = connection.facts();
            if (!done.isSuccess()) {
                end(false, "TLS handshake failed: " + (tlsInfo != null && tlsInfo.verifyMessage() != null
                        ? tlsInfo.verifyMessage() : describe(done.cause())));
                return;
            }
            log("TLS handshake succeeded: " + tlsInfo.protocol());
            buffer.clear();
            advance();
        }));
    }

    private void end(boolean success, String why) {
        if (over) {
            return;
        }
        over = true;
        timeUp.cancel(false);
        log(why);
        emitter.complete(new TcpResult(success, peer.dnsSeconds(), peer.address(), failedDueToRegex, failedDueToBytes,
                expectInfo, tlsInfo, log.toString()));
        channel.close();
    }

    /** Netty only logs what a callback throws, which would leave the probe to its deadline: end it now. */
    private void act(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            end(false, "HeadProbe could not go on: " + describe(e));
        }
    }

    private void log(String message) {
        log.append("msg=\"").append(message.replace("\"", "'")).append("\"\n");
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
