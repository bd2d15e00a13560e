package io.headprobe.blackbox;

import java.util.Arrays;

import io.netty.util.NetUtil;

/**
 * blackbox's probe_ip_addr_hash and probe_ip_protocol. The hash is FNV-1a (32 bit) over the
 * address's bytes, not its text: 4 bytes for IPv4 (also for an IPv4-mapped IPv6 address, which
 * Go's To4() turns into IPv4), 16 for IPv6 (prober/utils.go, ipHash). It lets an alert see that a
 * name now points elsewhere without putting the address itself into a label.
 */
final class IpAddressHash {

    private static final int OFFSET_BASIS = 0x811c9dc5;
    private static final int PRIME = 0x01000193;

    private IpAddressHash() {
    }

    /** The hash of an address literal ("192.0.2.1", "2001:db8::1"), or 0 when it is none. */
    static double of(String address) {
        byte[] bytes = bytes(address);
        if (bytes == null) {
            return 0;
        }
        int hash = OFFSET_BASIS;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return Integer.toUnsignedLong(hash);
    }

    /** 4 or 6 for an address literal, 0 for anything else. */
    static int family(String address) {
        byte[] bytes = bytes(address);
        return bytes == null ? 0 : bytes.length == 4 ? 4 : 6;
    }

    private static byte[] bytes(String address) {
        byte[] bytes = address == null ? null : NetUtil.createByteArrayFromIpAddressString(address);
        return bytes != null && isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
