package io.headprobe.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Waits for the final response HEADERS frame of the one stream an HTTP/2 probe opens (a duplex
 * handler after the frame codec, which is what may open streams), and hands on the DATA that
 * follows (the exchange ignores it unless it reads the body).
 */
final class Http2HeadReader extends Http2ChannelDuplexHandler {

    private final HeadFetcher.Exchange exchange;
    private Http2FrameStream stream;
    private boolean answered;

    Http2HeadReader(HeadFetcher.Exchange exchange) {
        this.exchange = exchange;
    }

    /** The probe's one stream; its id is set when its HEADERS frame is written. */
    Http2FrameStream open() {
        stream = newStream();
        return stream;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame frame && frame.stream() != null && answered) {
                // Trailers: they end the body.
                exchange.content(Unpooled.EMPTY_BUFFER, frame.isEndStream());
            } else if (msg instanceof Http2HeadersFrame frame && frame.stream() != null) {
                CharSequence status = frame.headers().status();
                int code = status == null ? -1 : Integer.parseInt(status.toString());
                if (code < 100 || code > 999) {
                    exchange.fail(new IllegalStateException("HTTP/2 response without a valid :status"));
                } else if (code >= 200) {
                    answered = true;
                    exchange.head(code, "HTTP/2", regularHeaders(frame.headers()));
                    if (frame.isEndStream()) {
                        exchange.content(Unpooled.EMPTY_BUFFER, true);
                    }
                }
            } else if (msg instanceof Http2DataFrame data && data.stream() != null) {
                exchange.content(data.content(), data.isEndStream());
                if (!data.isEndStream() && data.initialFlowControlledBytes() > 0) {
                    // The frame codec leaves flow control to us: give the window back, or a body
                    // longer than the initial window stalls.
                    ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes()).stream(data.stream()));
                }
            } else if (msg instanceof Http2ResetFrame reset) {
                exchange.fail(new IllegalStateException("the target reset the stream: " + Http2Error.valueOf(reset.errorCode())));
            } else if (msg instanceof Http2GoAwayFrame goAway && (stream == null || goAway.lastStreamId() < stream.id())) {
                // A GOAWAY that covers our stream (a graceful shutdown) lets its response come; one
                // below it says our request was not processed (RFC 9113 6.8).
                exchange.fail(new IllegalStateException("the target closed the HTTP/2 connection: " + Http2Error.valueOf(goAway.errorCode())));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** As received (HTTP/2 names are lower case), without the pseudo-headers. */
    private static Iterable<Map.Entry<String, String>> regularHeaders(Http2Headers headers) {
        List<Map.Entry<String, String>> regular = new ArrayList<>();
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            String name = header.getKey().toString();
            if (!name.startsWith(":")) {
                regular.add(Map.entry(name, header.getValue().toString()));
            }
        }
        return regular;
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
