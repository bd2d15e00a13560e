package io.headprobe.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.vertx.core.Vertx;

/** How every prober connects: NIO channels on Vert.x's event loops, nothing read until asked. */
public final class ProbeBootstrap {

    private ProbeBootstrap() {
    }

    /** @param idle the pipeline's handler until the prober adds its own; shared by every channel */
    public static Bootstrap of(Vertx vertx, ChannelHandler idle) {
        return new Bootstrap()
                .group(vertx.nettyEventLoopGroup())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                // Handlers are added phase by phase once the connection is up, and nothing is read
                // before the handler that understands it is there: the connect listener may run as a
                // later task, and a peer that speaks (or closes) first would otherwise be read into idle.
                .option(ChannelOption.AUTO_READ, false)
                .handler(idle);
    }
}
