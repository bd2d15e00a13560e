package io.headprobe.blackbox.grpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of {@code grpc.health.v1.Health/Check}, by hand (gRPC over HTTP/2, PROTOCOL-HTTP2.md;
 * health/v1/health.proto): the length-prefixed request message and the response message's
 * status, plus grpc-go's codes for what goes wrong on the way. Two one-field messages do not need
 * a protobuf library.
 */
final class HealthWire {

    static final String PATH = "/grpc.health.v1.Health/Check";

    /** grpc-go's codes (codes/codes.go) that a probe can end with. */
    static final int OK = 0;
    static final int UNKNOWN = 2;
    static final int DEADLINE_EXCEEDED = 4;
    static final int PERMISSION_DENIED = 7;
    static final int RESOURCE_EXHAUSTED = 8;
    static final int UNIMPLEMENTED = 12;
    static final int INTERNAL = 13;
    static final int UNAVAILABLE = 14;
    static final int UNAUTHENTICATED = 16;

    /** HealthCheckResponse.ServingStatus by number; another number is written as Go's String() writes it. */
    private static final String[] SERVING_STATUS = { "UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN" };

    /** A health answer is a few bytes; a larger message is refused as grpc-go refuses one over its limit. */
    static final int MAX_MESSAGE = 16 * 1024;

    private HealthWire() {
    }

    /** HealthCheckRequest{service} with its 5-byte prefix (not compressed, length). */
    static byte[] request(String service) {
        byte[] name = service.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        if (name.length > 0) { // proto3 leaves a default value out
            message.write(0x0A); // field 1, length-delimited
            varint(message, name.length);
            message.writeBytes(name);
        }
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.write(0);
        int length = message.size();
        framed.write(length >>> 24);
        framed.write(length >>> 16);
        framed.write(length >>> 8);
        framed.write(length);
        framed.writeBytes(message.toByteArray());
        return framed.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** A response that is not a HealthCheckResponse, as grpc-go fails it. */
    static final class Malformed extends Exception {
        final int code;

        Malformed(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /**
     * The serving status of the one length-prefixed message in {@code data} (all the DATA of the
     * stream): field 1's last value (proto3, unset is UNKNOWN); other fields are skipped.
     */
    static String servingStatus(byte[] data) throws Malformed {
        if (data.length == 0) {
            throw new Malformed(INTERNAL, "cardinality violation: received no response message from non-streaming RPC");
        }
        if (data.length < 5) {
            throw new Malformed(INTERNAL, "the stream ended inside a message's prefix");
        }
        if (data[0] != 0) {
            throw new Malformed(INTERNAL, "compressed flag set with identity or empty encoding");
        }
        long length = declaredLength(data);
        if (data.length - 5 < length) {
            throw new Malformed(INTERNAL, "the stream ended inside a message");
        }
        if (data.length - 5 > length) {
            throw new Malformed(INTERNAL, "cardinality violation: expected <EOF> for non server-streaming RPCs, but received another message");
        }
        long status = 0;
        int[] at = { 5 };
        while (at[0] < data.length) {
            long key = varint(data, at);
            int wireType = (int) (key & 7);
            long field = key >>> 3;
            if (field == 0) {
                throw new Malformed(INTERNAL, "failed to unmarshal the response: field number 0");
            }
            if (field == 1 && wireType == 0) {
                status = varint(data, at);
                continue;
            }
            switch (wireType) {
                case 0 -> varint(data, at);
                case 1 -> at[0] += 8;
                case 2 -> {
                    long skip = varint(data, at); // read before at[0] is, which the varint moves
                    at[0] += (int) Math.min(Integer.MAX_VALUE, skip);
                }
                case 5 -> at[0] += 4;
                default -> throw new Malformed(INTERNAL, "failed to unmarshal the response: wire type " + wireType);
            }
            if (at[0] > data.length || at[0] < 0) {
                throw new Malformed(INTERNAL, "failed to unmarshal the response: a field runs past its end");
            }
        }
        // Go's enum String(): the name, or the number for a value the proto does not define (an int32).
        int number = (int) status;
        return number >= 0 && number < SERVING_STATUS.length ? SERVING_STATUS[number] : Integer.toString(number);
    }

    /** The message length in a 5-byte prefix at the start of {@code data}. */
    static long declaredLength(byte[] data) {
        return ((data[1] & 0xFFL) << 24) | ((data[2] & 0xFF) << 16) | ((data[3] & 0xFF) << 8) | (data[4] & 0xFF);
    }

    private static long varint(byte[] data, int[] at) throws Malformed {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= data.length) {
                throw new Malformed(INTERNAL, "failed to unmarshal the response: a varint runs past the message");
            }
            byte b = data[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new Malformed(INTERNAL, "failed to unmarshal the response: a varint over 10 bytes");
    }

    /** grpc-go's code for a response that is not gRPC (HTTPStatusConvTab; Unknown for any other status). */
    static int fromHttpStatus(int status) {
        return switch (status) {
            case 400 -> INTERNAL;
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> UNIMPLEMENTED;
            case 429, 502, 503, 504 -> UNAVAILABLE;
            default -> UNKNOWN;
        };
    }

    /** grpc-go's code for a RST_STREAM's HTTP/2 error code (http2ErrConvTab). */
    static int fromResetCode(long http2Error) {
        return switch ((int) http2Error) {
            case 0x3, 0xb -> RESOURCE_EXHAUSTED; // FLOW_CONTROL_ERROR, ENHANCE_YOUR_CALM
            case 0x7 -> UNAVAILABLE; // REFUSED_STREAM
            case 0x8 -> 1; // CANCEL: Canceled
            case 0xc -> PERMISSION_DENIED; // INADEQUATE_SECURITY
            default -> INTERNAL;
        };
    }
}
