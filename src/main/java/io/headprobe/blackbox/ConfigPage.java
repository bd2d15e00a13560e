package io.headprobe.blackbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What {@code GET /config} shows: the loaded blackbox.yml as YAML, with every value blackbox
 * types as a secret written {@code <secret>}, as blackbox's own /config writes it. The modules are
 * shown as the file has them (anchors and merge keys resolved, comments gone), with the defaults
 * blackbox fills in and shows: every module has its http, tcp, icmp and dns sections.
 */
final class ConfigPage {

    static final String SECRET = "<secret>";

    /** blackbox's Secret fields (prometheus/common's HTTP client config) that are single values. */
    private static final Set<String> SECRET_KEYS = Set.of("password", "credentials", "bearer_token", "client_secret");

    /**
     * blackbox's DefaultModule (config.go): the sections every module gets, in its order, with the
     * defaults it shows (false and empty values are left out, as Go's omitempty does).
     */
    private static final Map<String, Map<String, Object>> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("http", Map.of("ip_protocol_fallback", true, "follow_redirects", true, "enable_http2", true));
        DEFAULTS.put("tcp", Map.of("ip_protocol_fallback", true));
        DEFAULTS.put("icmp", Map.of("ip_protocol_fallback", true, "ttl", 64));
        DEFAULTS.put("dns", Map.of("ip_protocol_fallback", true, "recursion_desired", true));
    }

    private static final List<String> DEFAULT_ORDER = List.of("ip_protocol_fallback", "follow_redirects", "enable_http2",
            "ttl", "recursion_desired");

    /** What /config shows without a file: blackbox's built-in module (after the defaults it needs). */
    static final String BUILT_IN = of("modules:\n  http_2xx:\n    prober: http\n");

    private ConfigPage() {
    }

    /** @param text a blackbox.yml that {@link BlackboxFile#parse(String)} accepted */
    static String of(String text) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return new Yaml(options).dump(withDefaults(mask(BlackboxYaml.load(text), "", "")));
    }

    /** Each module with blackbox's sections and defaults: prober and timeout, http, tcp, icmp, dns, then the rest. */
    @SuppressWarnings("unchecked")
    private static Object withDefaults(Object root) {
        if (!(root instanceof Map<?, ?> top) || !(top.get("modules") instanceof Map<?, ?> modules)) {
            return root;
        }
        Map<Object, Object> all = new LinkedHashMap<>();
        modules.forEach((name, value) -> {
            if (!(value instanceof Map<?, ?> module)) {
                all.put(name, value);
                return;
            }
            Map<Object, Object> shown = new LinkedHashMap<>();
            for (String key : List.of("prober", "timeout")) {
                if (module.containsKey(key)) {
                    shown.put(key, module.get(key));
                }
            }
            DEFAULTS.forEach((section, defaults) -> {
                Map<Object, Object> merged = new LinkedHashMap<>();
                if (module.get(section) instanceof Map<?, ?> given) {
                    merged.putAll(given);
                }
                DEFAULT_ORDER.stream().filter(defaults::containsKey).forEach(key -> merged.putIfAbsent(key, defaults.get(key)));
                shown.put(section, merged);
            });
            module.forEach((key, v) -> shown.putIfAbsent(key, v));
            all.put(name, shown);
        });
        Map<Object, Object> shown = new LinkedHashMap<>((Map<Object, Object>) top);
        shown.put("modules", all);
        return shown;
    }

    private static Object mask(Object value, String key, String parent) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> masked = new LinkedHashMap<>();
            // proxy_connect_header is a map of header names to lists of secrets.
            map.forEach((k, v) -> masked.put(k, key.equals("proxy_connect_header") ? secrets(v) : mask(v, String.valueOf(k), key)));
            return masked;
        }
        if (value instanceof List<?> list) {
            // http_headers.NAME.secrets is a list of secrets.
            return key.equals("secrets") ? secrets(list) : new ArrayList<>(list.stream().map(v -> mask(v, "", key)).toList());
        }
        if (key.equals("proxy_url") && value instanceof String url) {
            return redacted(url);
        }
        boolean secret = SECRET_KEYS.contains(key) || key.equals("key") && parent.equals("tls_config");
        return secret ? secret(value) : value;
    }

    /** As Go's URL.Redacted, which prometheus/common writes proxy_url with: the password becomes "xxxxx". */
    static String redacted(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@', scheme + 3);
        int path = url.indexOf('/', scheme + 3);
        if (scheme < 0 || at < 0 || path >= 0 && path < at) {
            return url;
        }
        int colon = url.indexOf(':', scheme + 3);
        if (colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, colon + 1) + "xxxxx" + url.substring(at);
    }

    private static Object secrets(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list.stream().map(ConfigPage::secret).toList()) : secret(value);
    }

    /** As Go's Secret: an empty one stays empty. */
    private static Object secret(Object value) {
        return value == null || "".equals(value) ? value : SECRET;
    }
}
