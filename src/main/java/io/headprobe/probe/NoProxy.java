package io.headprobe.probe;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.util.NetUtil;

/**
 * A no_proxy list (or NO_PROXY) as Go's golang.org/x/net/http/httpproxy reads it, so that a
 * blackbox module bypasses its proxy for the same targets: comma-separated entries, each "*",
 * a CIDR, an IP with or without a port, or a domain with or without a port that matches itself
 * and its subdomains (".example.org" and "*.example.org" only the subdomains). As in Go,
 * "localhost" and loopback addresses never go through the proxy, and a domain entry never
 * matches an IP address.
 */
public final class NoProxy {

    private record Cidr(byte[] network, int bits) {
    }

    private record Ip(InetAddress ip, String port) {
    }

    private record Domain(String suffix, String port, boolean matchesItself) {
    }

    private final boolean all;
    private final List<Cidr> cidrs = new ArrayList<>();
    private final List<Ip> ips = new ArrayList<>();
    private final List<Domain> domains = new ArrayList<>();
    private final String text;

    /** @param list as written in the module or the environment; entries Go ignores are ignored */
    public NoProxy(String list) {
        this.text = list;
        boolean star = false;
        for (String part : list.split(",")) {
            String entry = part.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                star = true;
                break;
            }
            if (!cidr(entry)) {
                hostEntry(entry);
            }
        }
        this.all = star;
    }

    private boolean cidr(String entry) {
        int slash = entry.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String address = entry.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null || !entry.substring(slash + 1).matches("\\d{1,3}")) {
            return false;
        }
        int bits = Integer.parseInt(entry.substring(slash + 1));
        if (bits > bytes.length * 8) {
            return false;
        }
        cidrs.add(new Cidr(bytes, bits));
        return true;
    }

    private void hostEntry(String entry) {
        String host = entry;
        String port = "";
        // Go's net.SplitHostPort: "host:port" or "[v6]:port"; a bare IPv6 address is no host:port.
        int colon = entry.lastIndexOf(':');
        boolean bracketed = entry.startsWith("[") && entry.contains("]:");
        if (colon > 0 && (bracketed || entry.indexOf(':') == colon)) {
            host = entry.substring(0, colon);
            port = entry.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
        }
        if (host.isEmpty()) {
            return;
        }
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip != null) {
            ips.add(new Ip(address(ip), port));
            return;
        }
        if (host.startsWith("*.")) {
            host = host.substring(1);
        }
        boolean itself = !host.startsWith(".");
        domains.add(new Domain(itself ? "." + host : host, port, itself));
    }

    /**
     * Whether a request to {@code host} (a name, or an address as Go's URL holds it) on
     * {@code port} goes directly instead of through the proxy.
     */
    public boolean bypasses(String host, int port) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost")) {
            return true;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(name);
        InetAddress ip = bytes == null ? null : address(bytes);
        if (ip != null && ip.isLoopbackAddress()) {
            return true;
        }
        if (all) {
            return true;
        }
        String portText = Integer.toString(port);
        if (ip != null) {
            for (Cidr cidr : cidrs) {
                if (contains(cidr, ip.getAddress())) {
                    return true;
                }
            }
            for (Ip entry : ips) {
                if (entry.ip().equals(ip) && (entry.port().isEmpty() || entry.port().equals(portText))) {
                    return true;
                }
            }
            return false;
        }
        for (Domain domain : domains) {
            boolean matches = name.endsWith(domain.suffix())
                    || domain.matchesItself() && name.equals(domain.suffix().substring(1));
            if (matches && (domain.port().isEmpty() || domain.port().equals(portText))) {
                return true;
            }
        }
        return false;
    }

    /** Go's IPNet.Contains: an IPv4 network holds IPv4 addresses only (and IPv4-mapped ones). */
    private static boolean contains(Cidr cidr, byte[] ip) {
        byte[] address = ip;
        if (cidr.network().length == 4 && ip.length == 16 && isV4Mapped(ip)) {
            address = java.util.Arrays.copyOfRange(ip, 12, 16);
        }
        if (address.length != cidr.network().length) {
            return false;
        }
        for (int bit = 0; bit < cidr.bits(); bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((address[bit / 8] & mask) != (cidr.network()[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // only thrown for a wrong length, which NetUtil never gives
        }
    }

    /** The list as written: it names hosts, not secrets, and /config and debug show it. */
    @Override
    public String toString() {
        return text;
    }
}
