package io.headprobe.scan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A retention shorter than the quota's window would let a client's deleted scans stop counting. */
class ScanRetentionTest {

    @Test
    void aRetentionShorterThanADayStopsStartUp() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ScanRetention.check(Duration.ofHours(23)));
        assertEquals("headprobe.scan.retention must be at least 24 hours (the per-client allowance counts the last day's "
                + "scans), got PT23H", refused.getMessage());
        assertDoesNotThrow(() -> ScanRetention.check(Duration.ofDays(1)));
    }
}
