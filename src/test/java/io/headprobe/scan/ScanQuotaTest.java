package io.headprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.headprobe.problem.ProblemException;

/** The rolling day: a client comes back when enough of its oldest scans have left the window. */
class ScanQuotaTest {

    final Instant now = Instant.parse("2026-11-26T12:00:00Z");
    final ScanQuota tenADay = new ScanQuota(0, 10);
    final List<ScanQuota.Submitted> lastDay = List.of(
            new ScanQuota.Submitted(now.minus(Duration.ofHours(20)), 3),
            new ScanQuota.Submitted(now.minus(Duration.ofHours(10)), 3),
            new ScanQuota.Submitted(now.minus(Duration.ofHours(1)), 4));

    @Test
    void aScanThatFitsIsAdmitted() {
        tenADay.admit(0, lastDay.subList(0, 2), 4, now);
    }

    @Test
    void retryAfterIsWhenEnoughOfTheOldestHaveLeft() {
        // 10 submitted; 6 more fit once the scans of 20 and 10 hours ago have left: in 14 hours.
        ProblemException refused = assertThrows(ProblemException.class, () -> tenADay.admit(0, lastDay, 6, now));
        assertEquals("this client may submit 10 targets in 24 hours and has submitted 10; 6 more fit in 50401 s",
                refused.getMessage());
        assertEquals(List.of("50401"), refused.toResponse().getHeaders().get("Retry-After").stream().map(String::valueOf)
                .toList());
    }
}
