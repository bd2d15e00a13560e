package io.headprobe.probe;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Waits for the first final response head of an HTTP/1.x exchange, and hands on the body that
 * follows (the exchange ignores it unless it reads the body).
 */
final class Http1HeadReader extends ChannelInboundHandlerAdapter {

    private final HeadFetcher.Exchange exchange;

    Http1HeadReader(HeadFetcher.Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                if (response.decoderResult().isFailure()) {
                    exchange.fail(response.decoderResult().cause());
                } else if (!isInterim(response.status().code())) {
                    exchange.head(response.status().code(), response.protocolVersion().text(),
                            response.headers()::iteratorAsString);
                }
            }
            if (msg instanceof HttpContent content) {
                if (content.decoderResult().isFailure()) {
                    // A malformed body (a bad chunk size) ends where it broke: truncated, not whole.
                    exchange.fail(content.decoderResult().cause());
                } else {
                    exchange.content(content.content(), msg instanceof LastHttpContent);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** 1xx answers (100 Continue, 103 Early Hints) come before the real one; 101 would be final. */
    private static boolean isInterim(int status) {
        return status >= 100 && status < 200 && status != 101;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        exchange.fail(new HeadFetcher.ClosedEarlyException());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        exchange.fail(cause);
    }
}
