package io.headprobe.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

import org.eclipse.microprofile.config.spi.Converter;
import org.jboss.logging.Logger;

import io.netty.resolver.dns.UnixResolverDnsServerAddressStreamProvider;
import io.netty.util.NetUtil;

/**
 * The DNS server the probe asks: an IP address and a port, never a name (a name would have to be
 * resolved through this very server). {@code headprobe.dns.server} is read with {@link #parse(String)}
 * when the configuration is, so a bad value stops the application at start-up.
 */
public record NameServer(InetSocketAddress address) {

    static final int DNS_PORT = 53;

    /**
     * Named in {@link DnsConfig}: SmallRye would find {@link #parse(String)} by itself, but its own
     * message would hide ours ("Failed to convert value with static method").
     */
    public static final class FromConfig implements Converter<NameServer> {
        @Override
        public NameServer convert(String value) {
            return parse(value);
        }
    }

    private static final Logger LOG = Logger.getLogger(NameServer.class);

    /**
     * What glibc asks when resolv.conf names no server. A method, not a constant: this class is
     * initialised while the native image is built, and an address must not be frozen into it.
     */
    static NameServer local() {
        return new NameServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), DNS_PORT));
    }

    /**
     * Reads {@code 1.2.3.4}, {@code 1.2.3.4:5353}, {@code ::1}, {@code [::1]} and {@code [::1]:5353}
     * (port 53 when none is given). A bare IPv6 address can't carry a port: {@code ::1:53} is the
     * address ::0.1:0.53, so a port after IPv6 needs the brackets.
     *
     * @throws IllegalArgumentException for anything else, with a message for whoever wrote the value
     */
    public static NameServer parse(String text) {
        String value = text.strip();
        String host = value;
        String port = null;
        int colon = value.indexOf(':');
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || !(close == value.length() - 1 || value.charAt(close + 1) == ':')) {
                throw invalid(text, "write an IPv6 address as [::1] or [::1]:53");
            }
            host = value.substring(1, close);
            port = close == value.length() - 1 ? null : value.substring(close + 2);
            if (!NetUtil.isValidIpV6Address(host)) {
                throw invalid(text, "brackets hold an IPv6 address");
            }
        } else if (colon >= 0 && colon == value.lastIndexOf(':')) {
            // One colon: IPv4 (or a name) with a port. Two or more: a bare IPv6 address.
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
        }
        if (host.contains("%")) {
            throw invalid(text, "an address with a zone id (fe80::1%eth0) is not supported");
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null) {
            throw invalid(text, "'" + host + "' is not an IP address, and a name can't be used: it would have to be"
                    + " resolved through this very server");
        }
        return new NameServer(new InetSocketAddress(byAddress(bytes), port == null ? DNS_PORT : port(text, port)));
    }

    /**
     * The first nameserver of a resolv.conf file, read by Netty; {@link #local()} when the file names
     * none or can't be read. Netty's own fallback (DnsServerAddressStreamProviders) would be Google's
     * public servers, which would tell a third party every name the probe looks up.
     */
    static NameServer fromResolvConf(Path file) {
        try {
            InetSocketAddress first = new UnixResolverDnsServerAddressStreamProvider(file.toFile())
                    .nameServerAddressStream("").next();
            return new NameServer(first);
        } catch (IOException | IllegalArgumentException e) {
            NameServer local = local();
            LOG.warnf("no nameserver in %s (%s); asking %s", file, e.getMessage(), local);
            return local;
        }
    }

    /** The address as Vert.x's DNS client wants it: IP text without brackets, IPv6 in short form. */
    public String host() {
        return NetUtil.toAddressString(address.getAddress());
    }

    public int port() {
        return address.getPort();
    }

    /** {@code 1.2.3.4:53} or {@code [::1]:53}: a form {@link #parse(String)} reads back. */
    @Override
    public String toString() {
        return NetUtil.toSocketAddressString(host(), port());
    }

    private static int port(String text, String port) {
        if (port.matches("[0-9]{1,5}")) {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        }
        throw invalid(text, "'" + port + "' is not a port (1-65535)");
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("headprobe.dns.server='" + text + "': " + why
                + "; give the DNS server's IP address, optionally with a port: 10.0.0.2, 10.0.0.2:5353, ::1, [::1]:5353");
    }
}
