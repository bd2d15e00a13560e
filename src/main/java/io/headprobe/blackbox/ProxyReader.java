package io.headprobe.blackbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.headprobe.guard.TargetUrl;
import io.headprobe.http.Header;
import io.headprobe.probe.HeaderRules;
import io.headprobe.probe.HttpProxy;
import io.headprobe.probe.NoProxy;

/**
 * An http module's proxy keys (prometheus/common's ProxyConfig, which blackbox embeds):
 * {@code proxy_url}, {@code no_proxy}, {@code proxy_from_environment}, {@code proxy_connect_header}
 * and blackbox's {@code skip_resolve_phase_with_proxy}, checked as prometheus/common's Validate
 * does, with its messages. The environment is read once, at load, as Go reads it for each client.
 */
final class ProxyReader {

    private ProxyReader() {
    }

    /** @return null when the module sets no proxy */
    static HttpProxy read(String name, Map<String, Object> http, Map<String, String> environment) {
        String url = text(name, "http.proxy_url", http.get("proxy_url"));
        String noProxy = text(name, "http.no_proxy", http.get("no_proxy"));
        boolean fromEnvironment = YamlValues.bool(name, "http.proxy_from_environment", http.get("proxy_from_environment"), false);
        Map<String, Object> connect = YamlValues.map(name, "http.proxy_connect_header", http.get("proxy_connect_header"));
        boolean skipResolve = YamlValues.bool(name, "http.skip_resolve_phase_with_proxy",
                http.get("skip_resolve_phase_with_proxy"), false);
        if (!connect.isEmpty() && !fromEnvironment && url.isEmpty()) {
            throw BlackboxConfigException.invalid(name, "http.proxy_connect_header",
                    "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured");
        }
        if (fromEnvironment && !url.isEmpty()) {
            throw BlackboxConfigException.invalid(name, "http.proxy_from_environment",
                    "if proxy_from_environment is configured, proxy_url must not be configured");
        }
        if (fromEnvironment && !noProxy.isEmpty()) {
            throw BlackboxConfigException.invalid(name, "http.proxy_from_environment",
                    "if proxy_from_environment is configured, no_proxy must not be configured");
        }
        if (url.isEmpty() && !noProxy.isEmpty()) {
            throw BlackboxConfigException.invalid(name, "http.no_proxy", "if no_proxy is configured, proxy_url must also be configured");
        }
        List<Header> headers = connectHeaders(name, connect);
        if (fromEnvironment) {
            // Go's httpproxy.FromEnvironment: the upper-case name first, then the lower-case one.
            return new HttpProxy(
                    proxy(name, "http.proxy_from_environment (HTTP_PROXY)", environment(environment, "HTTP_PROXY"), true),
                    proxy(name, "http.proxy_from_environment (HTTPS_PROXY)", environment(environment, "HTTPS_PROXY"), true),
                    new NoProxy(environment(environment, "NO_PROXY")), headers, skipResolve);
        }
        if (url.isEmpty()) {
            return null;
        }
        HttpProxy.Proxy proxy = proxy(name, "http.proxy_url", url, false);
        // Without no_proxy Go uses http.ProxyURL, which proxies every target, loopback ones too.
        return new HttpProxy(proxy, proxy, noProxy.isEmpty() ? null : new NoProxy(noProxy), headers, skipResolve);
    }

    private static String environment(Map<String, String> environment, String upperCase) {
        String value = environment.get(upperCase);
        if (value == null || value.isEmpty()) {
            value = environment.get(upperCase.toLowerCase(java.util.Locale.ROOT));
        }
        return value == null ? "" : value;
    }

    private static String text(String name, String key, Object value) {
        String text = YamlValues.string(name, key, value);
        return text == null ? "" : text;
    }

    /**
     * http://[user:password@]host[:port]; as Go's httpproxy, an environment value without a scheme
     * is taken as http://. The password never appears in an error.
     *
     * @return null for an empty value
     */
    private static HttpProxy.Proxy proxy(String name, String key, String value, boolean schemeOptional) {
        if (value.isEmpty()) {
            return null;
        }
        URI uri = uri(value);
        if (schemeOptional && (uri == null || uri.getScheme() == null || uri.getHost() == null)) {
            uri = uri("http://" + value);
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            throw BlackboxConfigException.invalid(name, key, "not a proxy URL (write it as http://host:port)");
        }
        if (!uri.getScheme().equalsIgnoreCase("http")) {
            throw BlackboxConfigException.unsupported(name, key,
                    "it speaks to HTTP proxies only (http://), not " + uri.getScheme() + "://");
        }
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String authorization = null;
        if (uri.getUserInfo() != null) {
            // Go's proxyAuth: the URL's user and password, decoded, as Basic credentials.
            authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (uri.getUserInfo().contains(":") ? uri.getUserInfo() : uri.getUserInfo() + ":")
                            .getBytes(StandardCharsets.UTF_8));
        }
        return new HttpProxy.Proxy(TargetUrl.parse("http://" + host + ":" + port + "/"), authorization);
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Header name to a list of values, each a secret: the messages never quote them. */
    private static List<Header> connectHeaders(String name, Map<String, Object> connect) {
        List<Header> headers = new ArrayList<>();
        connect.forEach((header, values) -> {
            String key = "http.proxy_connect_header." + header;
            if (!HeaderRules.isName(header)) {
                throw BlackboxConfigException.invalid(name, key, "\"" + header + "\" is not a header name");
            }
            List<?> list = YamlValues.list(name, key, values);
            for (int i = 0; i < list.size(); i++) {
                Object value = list.get(i);
                String text = value == null ? "" : String.valueOf(value);
                if (HeaderRules.problem(header, text) != null) {
                    throw BlackboxConfigException.invalid(name, key + "[" + i + "]",
                            "the value cannot be sent in a header (a control or non-ASCII character, or a space at an end)");
                }
                headers.add(new Header(header, text));
            }
        });
        return List.copyOf(headers);
    }
}
