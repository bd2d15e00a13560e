package io.headprobe.blackbox;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * blackbox_exporter's http module keys that HeadProbe does not honour (0.23's, and those later
 * releases added), each with the reason given in the start-up error. Set to a non-empty value
 * they stop start-up; left empty or at blackbox's default they change nothing and are accepted.
 */
final class UnsupportedKeys {

    private static final String SECRET_REF = "secret references need a secret store HeadProbe does not have (use the _file key)";

    private static final Map<String, String> REASONS = new LinkedHashMap<>();

    static {
        for (String key : new String[] { "fail_if_body_json_matches_cel", "fail_if_body_json_not_matches_cel" }) {
            REASONS.put("http." + key, "it has no CEL evaluator (use fail_if_body_matches_regexp)");
        }
        REASONS.put("http.oauth2", "it does not run OAuth 2.0 token requests");
        REASONS.put("http.basic_auth.username_ref", SECRET_REF);
        REASONS.put("http.basic_auth.password_ref", SECRET_REF);
        REASONS.put("http.authorization.credentials_ref", SECRET_REF);
        REASONS.put("http.enable_http3", "it does not speak HTTP/3");
    }

    /** Boolean keys whose blackbox default is false: "false" leaves them unused. */
    private static final Set<String> FALSE_BY_DEFAULT = Set.of("http.enable_http3");

    private UnsupportedKeys() {
    }

    /**
     * Why HeadProbe does not honour {@code key}, a path like "http.tls_config.cert_file"; empty for a
     * key blackbox does not know either.
     */
    static Optional<String> reason(String key) {
        return Optional.ofNullable(REASONS.get(key));
    }

    /** Whether the value leaves the key at blackbox's default, so that ignoring it changes nothing. */
    static boolean unused(String key, Object value) {
        if (value == null || "".equals(value)) {
            return true;
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        if (FALSE_BY_DEFAULT.contains(key)) {
            return "false".equals(value) || Boolean.FALSE.equals(value);
        }
        return false;
    }
}
