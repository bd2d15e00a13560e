package io.headprobe.probe;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Reads a proxy's answer to a CONNECT up to its blank line and hands its status line to the
 * exchange; the tunnel's bytes (TLS) come only after the exchange removed this handler.
 */
final class TunnelAnswer extends ChannelInboundHandlerAdapter {

    private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final HeadFetcher.Exchange exchange;
    private final int maxBytes;
    private final ByteBuf head = Unpooled.buffer();
    private boolean done;

    TunnelAnswer(HeadFetcher.Exchange exchange, int maxBytes) {
        this.exchange = exchange;
        this.maxBytes = maxBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (!done) {
                head.writeBytes(in);
                answer();
            }
        } finally {
            in.release();
        }
    }

    private void answer() {
        int end = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(END), head);
        if (end < 0) {
            if (head.readableBytes() > maxBytes) {
                done = true;
                exchange.fail(new HeadFetcher.ProxyException("the proxy's answer to the CONNECT is longer than "
                        + maxBytes + " bytes"));
            }
            return;
        }
        done = true;
        String text = head.toString(head.readerIndex(), end - head.readerIndex(), StandardCharsets.ISO_8859_1);
        exchange.tunnelAnswered(text.split("\r\n", 2)[0], head.writerIndex() > end + END.length);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!done) {
            ctx.read();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!done) {
            done = true;
            exchange.tunnelClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        done = true;
        exchange.fail(cause);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        head.release();
    }
}
