package io.headprobe.guard;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}. A value: it keeps its own copy of
 * the network bytes (with the host bits cleared), hands out copies, and two blocks are equal when they
 * hold the same addresses. Not a record, because a record over a {@code byte[]} compares array
 * identity and exposes the array.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;

    public Cidr(byte[] network, int prefixLength) {
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + network.length + " bytes");
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        this.network = masked(network, prefixLength);
        this.prefixLength = prefixLength;
    }

    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        InetAddress address = IpLiterals.parse(slash < 0 ? trimmed : trimmed.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("not an IP address block: " + text));
        byte[] bytes = address.getAddress();
        if (trimmed.contains(":") && bytes.length == 4) {
            // Java reads ::ffff:a.b.c.d as the IPv4 address; the block is the IPv6 one.
            bytes = IpLiterals.mapped(bytes);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP address block: " + text);
            }
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + text);
        }
        return new Cidr(bytes, prefix);
    }

    /** The first address of the block (a copy: the block cannot be changed through it). */
    public byte[] network() {
        return network.clone();
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] bytes) {
        if (bytes.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (bytes[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /** A copy of {@code bytes} with every bit after the prefix cleared. */
    private static byte[] masked(byte[] bytes, int prefixLength) {
        byte[] copy = bytes.clone();
        for (int bit = prefixLength; bit < copy.length * 8; bit++) {
            copy[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && prefixLength == that.prefixLength && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        // The JDK formats an IPv4-mapped IPv6 address as plain IPv4; keep the block's own family.
        boolean mapped = network.length == 16 && IpLiterals.byAddress(network) instanceof Inet4Address;
        String address = mapped
                ? "::ffff:" + IpLiterals.format(Arrays.copyOfRange(network, 12, 16))
                : IpLiterals.format(network);
        return address + "/" + prefixLength;
    }
}
