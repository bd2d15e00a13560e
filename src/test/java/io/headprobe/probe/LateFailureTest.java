package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.Loopback;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;

/**
 * A connect that is still pending when its probe times out ends with the probe: the probe says
 * TIMEOUT, and nothing is logged (its connect timeout used to fire as the probe's timeout cancelled
 * it, and Mutiny logged the failure it had to drop as an error).
 */
@QuarkusTest
@TestProfile(LateFailureTest.Profile.class)
class LateFailureTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Every target is on one address: no per-host queue, all of them connect at once.
            return Map.of("headprobe.probe.per-host-concurrency", "0");
        }
    }

    @Inject
    Vertx vertx;

    @Test
    void aConnectStillPendingWhenItsProbeTimesOutLogsNothing() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try (ServerSocket full = new ServerSocket(0, 1, Loopback.address()); Connections queued = fill(full)) {
            List<String> targets = IntStream.range(0, 64)
                    .mapToObj(i -> "http://127.0.0.1:" + full.getLocalPort() + "/" + i).toList();
            // The race was narrow (a few probes in a hundred): a few rounds make it show.
            for (int round = 0; round < 4; round++) {
                given().contentType(ContentType.JSON)
                        .body(Map.of("targets", targets, "timeoutMs", 200, "concurrency", 64))
                        .when().post("/probe")
                        .then().statusCode(200)
                        .body("results.error.code", everyItem(equalTo("TIMEOUT")));
            }
            // A failure being handed on at the moment the results went out is handed on by an event loop.
            vertx.nettyEventLoopGroup().forEach(loop -> loop.submit(() -> { }).syncUninterruptibly());
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(List.of(), errors.stream().map(e -> e.getMessage() + " " + e.getThrown()).toList());
    }

    /** Connections that fill the listener's accept queue, so that the kernel drops further SYNs. */
    private static Connections fill(ServerSocket listener) throws IOException {
        Connections queued = new Connections();
        while (queued.size() < 10) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), 200);
                queued.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return queued;
            }
        }
        queued.close();
        throw new IllegalStateException("the accept queue did not fill up");
    }

    private static final class Connections extends ArrayList<Socket> implements AutoCloseable {
        @Override
        public void close() throws IOException {
            for (Socket socket : this) {
                socket.close();
            }
        }
    }
}
