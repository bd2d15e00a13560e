package io.headprobe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A server on 127.0.0.1 that answers requests in groups of {@code group}: each request waits until
 * that many are open at once, then the whole group answers 200. It records the most requests it ever
 * had open, so a test sees whether a client kept to a concurrency limit, without any timing: fewer
 * than {@code group} at once never get an answer (503 after 10 s), more show up in {@link #maxOpen()}.
 */
public final class GateServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    public GateServer(int group) {
        CyclicBarrier barrier = new CyclicBarrier(group);
        try {
            server = HttpServer.create(new InetSocketAddress(Loopback.address(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            int status = 200;
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                status = 503;
            } finally {
                // Before answering: the client may start its next request the moment it has the head.
                open.decrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int maxOpen() {
        return maxOpen.get();
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
