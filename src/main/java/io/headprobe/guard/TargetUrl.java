package io.headprobe.guard;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A target URL that HeadProbe is willing to fetch: http or https, a host that is either a DNS name
 * or an IP address (in any spelling a resolver would accept, see {@link IpLiterals}), a port.
 *
 * @param literal the address when the host is an IP literal; such a host is never looked up
 */
public record TargetUrl(String scheme, String host, int port, String pathAndQuery, Optional<InetAddress> literal) {

    private static final String LABEL = "[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?";
    private static final Pattern DNS_NAME = Pattern.compile("(" + LABEL + "\\.)*" + LABEL + "\\.?");

    /** Thrown for a target that can't be fetched; its message says why, for the caller. */
    public static class InvalidTargetException extends IllegalArgumentException {
        public InvalidTargetException(String message) {
            super(message, null);
        }
    }

    /** Reads a target as given by a caller; without a scheme it becomes https://. */
    public static TargetUrl parse(String target) {
        if (target == null || target.isBlank()) {
            throw new InvalidTargetException("empty target");
        }
        String text = target.strip();
        return of(uri(text.contains("://") ? text : "https://" + text));
    }

    /** Where a redirect's Location header points, seen from this URL. */
    public TargetUrl follow(String location) {
        if (location == null || location.isBlank()) {
            throw new InvalidTargetException("redirect without a Location");
        }
        return of(uri(toString()).resolve(uri(location.strip())));
    }

    public boolean https() {
        return scheme.equals("https");
    }

    /** The host as a URL writes it (IPv6 in brackets). */
    public String hostHeader() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Host and port as the Host header and HTTP/2's :authority carry them: the port unless it is the scheme's (RFC 9110 7.2). */
    public String authority() {
        boolean defaultPort = port == (https() ? 443 : 80);
        return hostHeader() + (defaultPort ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return scheme + "://" + authority() + pathAndQuery;
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (Exception e) {
            throw new InvalidTargetException("not a valid URL: " + text);
        }
    }

    private static TargetUrl of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidTargetException("only http and https URLs can be probed, not '" + scheme + "'");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new InvalidTargetException("URL has no host");
        }
        if (authority.contains("@")) {
            throw new InvalidTargetException("URLs with credentials are not probed");
        }
        int portStart = authority.startsWith("[") ? authority.indexOf(']') + 1 : authority.lastIndexOf(':');
        String hostPart = authority;
        int port = scheme.equals("https") ? 443 : 80;
        if (portStart > 0 && portStart < authority.length() && authority.charAt(portStart) == ':') {
            hostPart = authority.substring(0, portStart);
            String portText = authority.substring(portStart + 1);
            port = portText.isEmpty() ? port : port(portText);
        }
        String host = hostPart.toLowerCase(Locale.ROOT);
        Optional<InetAddress> literal = IpLiterals.parse(host);
        if (literal.isEmpty() && (host.contains(":") || host.startsWith("[") || IpLiterals.looksNumeric(host))) {
            throw new InvalidTargetException("not a valid IP address: " + hostPart);
        }
        if (literal.isEmpty() && (host.length() > 254 || !DNS_NAME.matcher(host).matches())) {
            throw new InvalidTargetException("not a valid host name: " + hostPart);
        }
        String canonicalHost = literal.map(InetAddress::getHostAddress).orElse(host);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new TargetUrl(scheme, canonicalHost, port, path + query, literal);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidTargetException("not a valid port: " + text);
    }
}
