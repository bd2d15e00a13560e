package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * A long list of targets the guard refuses at once (the command line's --public-only over a list)
 * leaves nothing behind on the event loops: each probe's timeout timer is scheduled and cancelled on
 * its loop, not queued there, with its cancellation, until the loop next wakes (up to the timeout).
 */
@QuarkusTest
@TestProfile(RefusedTargetTimersTest.Profile.class)
class RefusedTargetTimersTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A timeout far longer than the test: no timer fires and wakes a loop while it runs.
            return Map.of("headprobe.probe.timeout", "120S");
        }
    }

    @Inject
    Prober prober;

    @Inject
    ProbeRequests requests;

    @Inject
    Vertx vertx;

    @Test
    void targetsRefusedAtOnceLeaveNoTasksQueuedOnTheEventLoops() {
        ProbeOptions options = requests.options(new ProbeRequest(null, null, null, null, null, null, null, null, null,
                null, null));
        int probes = 2000;
        for (int i = 0; i < probes; i++) {
            // Outside the test profile's allow-list (127.0.0.1/32): refused before any packet.
            ProbeResult result = prober.probe("http://127.0.0.2:" + (1000 + i) + "/", options).await().indefinitely();
            assertEquals(ErrorCode.BLOCKED_ADDRESS, result.error().code());
        }
        int queued = 0;
        for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
            queued += ((SingleThreadEventExecutor) loop).pendingTasks();
        }
        assertTrue(queued < probes / 10, queued + " tasks queued on the event loops after " + probes + " refused targets");
    }
}
