package io.headprobe.blackbox.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The hand-written protobuf and gRPC framing of the health check, and blackbox's reading of a target. */
class HealthWireTest {

    @Test
    void theRequestIsALengthPrefixedHealthCheckRequest() {
        assertArrayEquals(new byte[] { 0, 0, 0, 0, 0 }, HealthWire.request(""), "proto3 leaves the empty service out");
        assertArrayEquals(new byte[] { 0, 0, 0, 0, 10, 0x0A, 8, 's', 'e', 'r', 'v', 'i', 'c', 'e', '1' },
                HealthWire.request("service1"));
        byte[] long200 = HealthWire.request("x".repeat(200));
        assertEquals(203, long200[4] & 0xFF);
        assertArrayEquals(new byte[] { 0x0A, (byte) 0xC8, 0x01 }, new byte[] { long200[5], long200[6], long200[7] }, "a two-byte varint");
    }

    @Test
    void theResponsesStatusIsFieldOneUnknownWhenUnset() throws Exception {
        assertEquals("SERVING", HealthWire.servingStatus(new byte[] { 0, 0, 0, 0, 2, 0x08, 1 }));
        assertEquals("NOT_SERVING", HealthWire.servingStatus(new byte[] { 0, 0, 0, 0, 2, 0x08, 2 }));
        assertEquals("SERVICE_UNKNOWN", HealthWire.servingStatus(new byte[] { 0, 0, 0, 0, 2, 0x08, 3 }));
        assertEquals("UNKNOWN", HealthWire.servingStatus(new byte[] { 0, 0, 0, 0, 0 }));
        assertEquals("9", HealthWire.servingStatus(new byte[] { 0, 0, 0, 0, 2, 0x08, 9 }));
        // An unknown field (2, length-delimited) is skipped; the last value of field 1 wins.
        assertEquals("SERVING", HealthWire.servingStatus(new byte[] { 0, 0, 0, 0, 7, 0x08, 2, 0x12, 1, 'x', 0x08, 1 }));
    }

    @Test
    void whatIsNotOneWholeMessageIsInternal() {
        for (byte[] bad : new byte[][] { {}, { 0, 0, 0 }, { 1, 0, 0, 0, 2, 0x08, 1 }, { 0, 0, 0, 0, 3, 0x08, 1 },
                { 0, 0, 0, 0, 1, 0x08, 1 }, { 0, 0, 0, 0, 2, 0x08, (byte) 0x80 }, { 0, 0, 0, 0, 2, 0x12, 9 },
                { 0, 0, 0, 0, 1, 0x0F } }) {
            HealthWire.Malformed e = assertThrows(HealthWire.Malformed.class, () -> HealthWire.servingStatus(bad));
            assertEquals(HealthWire.INTERNAL, e.code);
        }
    }

    @Test
    void codesForWhatIsNotGrpcAreGrpcGos() {
        assertEquals(HealthWire.UNIMPLEMENTED, HealthWire.fromHttpStatus(404));
        assertEquals(HealthWire.UNAVAILABLE, HealthWire.fromHttpStatus(503));
        assertEquals(HealthWire.UNKNOWN, HealthWire.fromHttpStatus(200));
        assertEquals(HealthWire.UNAVAILABLE, HealthWire.fromResetCode(0x7));
        assertEquals(1, HealthWire.fromResetCode(0x8));
        assertEquals(HealthWire.INTERNAL, HealthWire.fromResetCode(0x2));
    }

    @Test
    void targetsSplitAsBlackboxSplitsThem() {
        assertEquals(new GrpcProber.Target("example.org", "50051"), GrpcProber.Target.parse("example.org:50051"));
        assertEquals(new GrpcProber.Target("example.org", "50051"), GrpcProber.Target.parse("https://example.org:50051/x"));
        assertEquals(new GrpcProber.Target("::1", "50051"), GrpcProber.Target.parse("[::1]:50051"));
        GrpcProber.Target bare = GrpcProber.Target.parse("example.org");
        assertEquals(443, bare.port(true));
        assertEquals(80, bare.port(false));
        assertEquals("example.org:80", bare.authority(false));
        assertEquals("[::1]:443", GrpcProber.Target.parse("[::1]").authority(true));
        assertEquals(-1, GrpcProber.Target.parse("example.org:http").port(false));
    }
}
