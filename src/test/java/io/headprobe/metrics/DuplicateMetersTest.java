package io.headprobe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;

/**
 * What Quarkus does at start-up, in small: Micrometer's Netty binder on two event-loop groups
 * (Vert.x's event loops and its acceptor). Without the filter the second workers gauge is refused
 * with the "already registered" message; with it there is no message and no workers gauge.
 */
class DuplicateMetersTest {

    @Test
    void twoGroupsCollideOnTheWorkersGauge() {
        List<String> messages = bindTwoGroups(new SimpleMeterRegistry());
        assertTrue(messages.stream().anyMatch(m -> m.contains("already registered") && m.contains(DuplicateMeters.NETTY_WORKERS)),
                messages.toString());
    }

    @Test
    void theFilterLeavesNothingToCollide() {
        MeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new DuplicateMeters().denyNettyWorkers());
        List<String> messages = bindTwoGroups(registry);
        assertTrue(messages.stream().noneMatch(m -> m.contains("already registered")), messages.toString());
        assertEquals(0, registry.find(DuplicateMeters.NETTY_WORKERS).meters().size());
        assertEquals(3, registry.find("netty.eventexecutor.tasks.pending").meters().size());
    }

    /** Binds the two groups and returns what Micrometer's registry logged meanwhile, at any level. */
    private static List<String> bindTwoGroups(MeterRegistry registry) {
        Logger logger = Logger.getLogger(MeterRegistry.class.getName());
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        DefaultEventLoopGroup eventLoops = new DefaultEventLoopGroup(2);
        DefaultEventLoopGroup acceptor = new DefaultEventLoopGroup(1);
        try {
            // Netty starts an executor's thread lazily; the binder names each gauge after it.
            eventLoops.forEach(executor -> executor.submit(() -> { }).syncUninterruptibly());
            acceptor.forEach(executor -> executor.submit(() -> { }).syncUninterruptibly());
            new NettyEventExecutorMetrics(eventLoops).bindTo(registry);
            new NettyEventExecutorMetrics(acceptor).bindTo(registry);
            return List.copyOf(messages);
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
            eventLoops.shutdownGracefully();
            acceptor.shutdownGracefully();
        }
    }
}
