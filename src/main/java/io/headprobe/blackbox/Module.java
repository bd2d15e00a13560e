package io.headprobe.blackbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.re2j.Pattern;

import io.headprobe.http.Header;

import io.headprobe.probe.CaFile;
import io.headprobe.probe.ClientCertificate;
import io.headprobe.probe.HttpProxy;

/**
 * One blackbox_exporter module with {@code prober: http}, as far as HeadProbe honours it. Names
 * and defaults are blackbox's (blackbox.yml's {@code http:} keys, module {@code timeout}).
 *
 * @param timeout {@link Duration#ZERO} when the module sets none: the scrape's timeout decides
 * @param validStatusCodes empty means any 2xx, as in blackbox
 * @param validHttpVersions empty means any; values as blackbox writes them ("HTTP/1.1", "HTTP/2.0")
 * @param preferredIpProtocol "ip4" or "ip6" (blackbox's default is ip6)
 * @param extras the keys about bodies, credentials and the protocol offered
 */
public record Module(
        String name,
        Duration timeout,
        List<Integer> validStatusCodes,
        List<String> validHttpVersions,
        String method,
        Map<String, String> headers,
        boolean followRedirects,
        boolean failIfSsl,
        boolean failIfNotSsl,
        List<HeaderMatch> failIfHeaderMatches,
        List<HeaderMatch> failIfHeaderNotMatches,
        boolean insecureSkipVerify,
        Optional<CaFile> caFile,
        String preferredIpProtocol,
        boolean ipProtocolFallback,
        HttpExtras extras) {

    /**
     * blackbox's http keys beyond the response head.
     *
     * @param requestBody {@code body}, or {@code body_file}'s bytes (read at start-up); null for none
     * @param failIfBodyMatches {@code fail_if_body_matches_regexp}, unanchored (Go's {@code Match})
     * @param failIfBodyNotMatches {@code fail_if_body_not_matches_regexp}
     * @param bodySizeLimit {@code body_size_limit} in bytes, after decoding; 0 for none
     * @param compression {@code compression}: gzip, deflate, br, identity; "" for none
     * @param secretHeaders request headers that carry credentials: sent, never shown
     * @param enableHttp2 {@code enable_http2}: false offers http/1.1 only
     * @param serverName {@code tls_config.server_name}: SNI and the name the certificate must have; null for the target's
     * @param tlsProtocols from {@code tls_config.min_version} and {@code max_version}, the JDK's names; empty for its defaults
     * @param clientCertificate {@code tls_config} cert(_file) and key(_file); null for none
     * @param tlsScan {@code headprobe_tls_scan}, HeadProbe's own key: also scan the TLS of the final
     *        https URL's server and write the headprobe_tls_* metrics
     * @param proxy {@code proxy_url} or {@code proxy_from_environment} with the other proxy keys; null for none
     */
    public record HttpExtras(byte[] requestBody, List<Pattern> failIfBodyMatches, List<Pattern> failIfBodyNotMatches,
            long bodySizeLimit, String compression, List<SecretHeader> secretHeaders, boolean enableHttp2,
            String serverName, List<String> tlsProtocols, ClientCertificate clientCertificate, boolean tlsScan,
            HttpProxy proxy) {

        /** blackbox's defaults: nothing sent, nothing checked, HTTP/2 offered, the target's name, the JDK's versions. */
        public static final HttpExtras NONE = new HttpExtras(null, List.of(), List.of(), 0, "", List.of(), true, null,
                List.of(), null, false, null);

        /** blackbox resolves the target itself unless skip_resolve_phase_with_proxy is set beside a proxy. */
        public boolean resolvesTarget() {
            return proxy == null || !proxy.skipResolve();
        }

        public boolean checksBody() {
            return !failIfBodyMatches.isEmpty() || !failIfBodyNotMatches.isEmpty();
        }

        /** Without the body's bytes or the credentials: this is what debug=true shows. */
        @Override
        public String toString() {
            return "HttpExtras[requestBody=" + (requestBody == null ? "none" : requestBody.length + " bytes")
                    + ", failIfBodyMatches=" + failIfBodyMatches + ", failIfBodyNotMatches=" + failIfBodyNotMatches
                    + ", bodySizeLimit=" + bodySizeLimit + ", compression=" + compression + ", secretHeaders="
                    + secretHeaders + ", enableHttp2=" + enableHttp2 + ", serverName=" + serverName
                    + ", tlsProtocols=" + tlsProtocols + ", clientCertificate=" + clientCertificate
                    + ", tlsScan=" + tlsScan + ", proxy=" + proxy + "]";
        }
    }

    /** A header whose value is a credential (basic_auth, bearer_token, a secret of http_headers...). */
    public record SecretHeader(String name, String value) {
        @Override
        public String toString() {
            return name + ": <secret>";
        }
    }

    /**
     * blackbox's {@code fail_if_header_(not_)matches} entry. As in blackbox, the header name is
     * compared in any case, every value of the header is tried, and the regexp is unanchored: use
     * {@link com.google.re2j.Matcher#find()} (Go's {@code MatchString}), not {@code matches()}. RE2, as
     * in Go: the time a match takes grows linearly with the value, whatever the target sends.
     */
    public record HeaderMatch(String header, Pattern regexp, boolean allowMissing) {
    }

    /**
     * The Host of http.headers, which blackbox sends as the request's Host (h2's :authority) in
     * place of the target's; null when there is none, or it is empty (Go then sends the target's).
     */
    public String host() {
        return headers.entrySet().stream()
                .filter(header -> isHost(header.getKey()) && !header.getValue().isEmpty())
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** http.headers but Host, which {@link #host()} carries; then the credentials. */
    public List<Header> requestHeaders() {
        List<Header> all = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (!isHost(name)) {
                all.add(new Header(name, value));
            }
        });
        extras.secretHeaders().forEach(secret -> all.add(new Header(secret.name(), secret.value())));
        return List.copyOf(all);
    }

    private static boolean isHost(String name) {
        return name.equalsIgnoreCase("Host");
    }

    /** blackbox's built-in module, used when no configuration file is given. */
    public static Module http2xx() {
        return new Module("http_2xx", Duration.ZERO, List.of(), List.of(), "GET", Map.of(), true, false, false,
                List.of(), List.of(), false, Optional.empty(), "ip6", true, HttpExtras.NONE);
    }
}
