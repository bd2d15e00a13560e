package io.headprobe.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

/** How every prober connects: NIO channels on Vert.x's event loops, nothing read until asked. */
public final class ProbeBootstrap {

    /** The pipeline's handler until a prober that adds its own handlers connects. */
    @ChannelHandler.Sharable
    private static final class Unread extends ChannelInboundHandlerAdapter {
    }

    private static final ChannelHandler UNREAD = new Unread();

    private ProbeBootstrap() {
    }

    /** For a prober that adds its handlers once connected (blackbox's tcp and grpc). */
    public static Bootstrap of(Vertx vertx) {
        return of(vertx, UNREAD);
    }

    /**
     * Connects on one of Vert.x's event loops within what is left before the deadline, for a
     * probe that emits one result: a failed connect completes it with {@code failed}'s result, a
     * connected channel goes to {@code connected} (on its event loop), and a probe cancelled
     * meanwhile closes the channel.
     *
     * @param source the local address to connect from (blackbox's source_ip_address), any port, as
     *        Go's Dialer.LocalAddr; null for the system's choice
     */
    public static <T> void connect(Bootstrap bootstrap, Vertx vertx, InetSocketAddress address, InetAddress source, long deadline,
            UniEmitter<? super T> emitter, Function<Throwable, T> failed, Consumer<Channel> connected) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        ChannelFuture connecting = bootstrap.clone(vertx.nettyEventLoopGroup().next())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE, left)))
                .connect(address, source == null ? null : new InetSocketAddress(source, 0));
        AtomicBoolean cancelled = new AtomicBoolean();
        emitter.onTermination(() -> {
            cancelled.set(true);
            if (connecting.channel().isRegistered()) {
                connecting.channel().close();
            }
        });
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                emitter.complete(failed.apply(done.cause()));
            } else if (cancelled.get()) {
                connecting.channel().close();
            } else {
                connected.accept(connecting.channel());
            }
        });
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
