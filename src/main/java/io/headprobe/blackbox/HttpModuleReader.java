package io.headprobe.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import io.headprobe.probe.CaFile;
import io.headprobe.probe.ClientCertificate;
import io.headprobe.probe.HeaderRules;

/**
 * One {@code prober: http} module of blackbox.yml as a {@link Module}, with blackbox 0.23's
 * defaults. Every key is checked: a key HeadProbe does not honour stops start-up (see
 * {@link UnsupportedKeys}) rather than leave a check out and let the probe succeed.
 */
final class HttpModuleReader {

    /** tcp, icmp, dns and grpc sections are allowed beside http; blackbox's http prober ignores them too. */
    private static final Set<String> MODULE_KEYS = Set.of("prober", "timeout", "http", "tcp", "icmp", "dns", "grpc");

    /** HeadProbe's own http key, prefixed so that it never meets one of blackbox's: a TLS scan with the probe. */
    static final String TLS_SCAN_KEY = "headprobe_tls_scan";

    private static final Set<String> HTTP_KEYS = Set.of("valid_status_codes", "valid_http_versions", "method",
            "headers", "follow_redirects", "no_follow_redirects", "fail_if_ssl", "fail_if_not_ssl",
            "fail_if_header_matches", "fail_if_header_not_matches", "tls_config", "preferred_ip_protocol",
            "ip_protocol_fallback", "enable_http2", "body", "body_file", "fail_if_body_matches_regexp",
            "fail_if_body_not_matches_regexp", "body_size_limit", "compression", "basic_auth", "authorization",
            "bearer_token", "bearer_token_file", "http_headers", "proxy_url", "no_proxy", "proxy_from_environment",
            "proxy_connect_header", "skip_resolve_phase_with_proxy", TLS_SCAN_KEY);

    private static final Set<String> BASIC_AUTH_KEYS = Set.of("username", "username_file", "password", "password_file");
    private static final Set<String> AUTHORIZATION_KEYS = Set.of("type", "credentials", "credentials_file");
    private static final Set<String> HTTP_HEADER_KEYS = Set.of("values", "secrets", "files");

    /** prometheus/common's ReservedHeaders: http_headers may not set them. */
    private static final Set<String> RESERVED = Set.of("authorization", "host", "content-encoding", "content-length",
            "content-type", "user-agent", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "www-authenticate", "accept-encoding", "x-prometheus-remote-write-version",
            "x-prometheus-remote-read-version", "x-prometheus-scrape-timeout-seconds", "x-amz-date",
            "x-amz-security-token", "x-amz-content-sha256");

    private static final Set<String> TLS_KEYS = Set.of("insecure_skip_verify", "ca_file", "server_name", "min_version",
            "max_version", "cert", "cert_file", "key", "key_file", "ca");

    /** prometheus/common's TLS version names, in order, as the JDK names them. */
    private static final Map<String, String> TLS_VERSIONS = new LinkedHashMap<>();

    static {
        TLS_VERSIONS.put("TLS10", "TLSv1");
        TLS_VERSIONS.put("TLS11", "TLSv1.1");
        TLS_VERSIONS.put("TLS12", "TLSv1.2");
        TLS_VERSIONS.put("TLS13", "TLSv1.3");
    }

    private static final Set<String> HEADER_MATCH_KEYS = Set.of("header", "regexp", "allow_missing");

    /** Go's resp.Proto values, which blackbox compares valid_http_versions with. */
    private static final List<String> HTTP_VERSIONS = List.of("HTTP/1.0", "HTTP/1.1", "HTTP/2.0", "HTTP/3.0");

    private HttpModuleReader() {
    }

    static Module read(String name, Map<String, Object> module) {
        return read(name, module, System.getenv());
    }

    /** @param environment where proxy_from_environment reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY */
    static Module read(String name, Map<String, Object> module, Map<String, String> environment) {
        checkKeys(name, "", module, MODULE_KEYS);
        Map<String, Object> http = YamlValues.map(name, "http", module.get("http"));
        // The method first: a POST module's body and Content-Type keys only follow from it.
        String method = method(name, http.get("method"));
        checkKeys(name, "http.", http, HTTP_KEYS);
        Map<String, Object> tls = YamlValues.map(name, "http.tls_config", http.get("tls_config"));
        checkKeys(name, "http.tls_config.", tls, TLS_KEYS);

        Map<String, String> headers = headers(name, http.get("headers"));
        Module.HttpExtras extras = new Module.HttpExtras(
                requestBody(name, http),
                regexps(name, "http.fail_if_body_matches_regexp", http.get("fail_if_body_matches_regexp")),
                regexps(name, "http.fail_if_body_not_matches_regexp", http.get("fail_if_body_not_matches_regexp")),
                bodySizeLimit(name, http.get("body_size_limit")),
                compression(name, http.get("compression"), headers),
                secretHeaders(name, http, headers),
                YamlValues.bool(name, "http.enable_http2", http.get("enable_http2"), true),
                serverName(name, tls.get("server_name")),
                tlsProtocols(name, tls),
                clientCertificate(name, tls),
                YamlValues.bool(name, "http." + TLS_SCAN_KEY, http.get(TLS_SCAN_KEY), false),
                ProxyReader.read(name, http, environment));
        return new Module(name,
                timeout(name, module.get("timeout")),
                statusCodes(name, http.get("valid_status_codes")),
                httpVersions(name, http.get("valid_http_versions")),
                method,
                headers,
                followRedirects(name, http),
                YamlValues.bool(name, "http.fail_if_ssl", http.get("fail_if_ssl"), false),
                YamlValues.bool(name, "http.fail_if_not_ssl", http.get("fail_if_not_ssl"), false),
                headerMatches(name, "http.fail_if_header_matches", http.get("fail_if_header_matches")),
                headerMatches(name, "http.fail_if_header_not_matches", http.get("fail_if_header_not_matches")),
                YamlValues.bool(name, "http.tls_config.insecure_skip_verify", tls.get("insecure_skip_verify"), false),
                caFile(name, tls),
                ipProtocol(name, http.get("preferred_ip_protocol")),
                YamlValues.bool(name, "http.ip_protocol_fallback", http.get("ip_protocol_fallback"), true),
                extras);
    }

    /** {@code prefix} is the path of the map ("http.") for the error, "" at module level. */
    private static void checkKeys(String name, String prefix, Map<String, Object> map, Set<String> supported) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            if (supported.contains(key)) {
                return;
            }
            Optional<String> reason = UnsupportedKeys.reason(path);
            if (reason.isEmpty()) {
                throw BlackboxConfigException.unknown(name, path);
            }
            if (!UnsupportedKeys.unused(path, value)) {
                throw BlackboxConfigException.unsupported(name, path, reason.get());
            }
        });
    }

    static Duration timeout(String name, Object value) {
        String text = YamlValues.string(name, "timeout", value);
        if (text == null || text.isEmpty()) {
            return Duration.ZERO;
        }
        Duration timeout;
        try {
            timeout = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw BlackboxConfigException.invalid(name, "timeout",
                    e.getMessage() + " (write it as Go does: 5s, 1m30s, 500ms)");
        }
        if (timeout.isNegative()) {
            throw BlackboxConfigException.invalid(name, "timeout", "\"" + text + "\" is negative");
        }
        return timeout;
    }

    private static List<Integer> statusCodes(String name, Object value) {
        List<Integer> codes = new ArrayList<>();
        List<?> list = YamlValues.list(name, "http.valid_status_codes", value);
        for (int i = 0; i < list.size(); i++) {
            String key = "http.valid_status_codes[" + i + "]";
            int code = YamlValues.integer(name, key, list.get(i));
            if (code < 100 || code > 599) {
                throw BlackboxConfigException.invalid(name, key, code + " is not an HTTP status code (100 to 599)");
            }
            codes.add(code);
        }
        return List.copyOf(codes);
    }

    private static List<String> httpVersions(String name, Object value) {
        List<String> versions = new ArrayList<>();
        List<?> list = YamlValues.list(name, "http.valid_http_versions", value);
        for (int i = 0; i < list.size(); i++) {
            String key = "http.valid_http_versions[" + i + "]";
            String version = YamlValues.string(name, key, list.get(i));
            // Blackbox compares the text as is, so "HTTP/2" would quietly fail every probe.
            if (!HTTP_VERSIONS.contains(version)) {
                throw BlackboxConfigException.invalid(name, key, "\"" + version
                        + "\" is not a version blackbox reports (HTTP/1.0, HTTP/1.1, HTTP/2.0 or HTTP/3.0)");
            }
            versions.add(version);
        }
        return List.copyOf(versions);
    }

    private static String method(String name, Object value) {
        String method = YamlValues.string(name, "http.method", value);
        if (method == null || method.isEmpty()) {
            return "GET"; // blackbox's default
        }
        // Go sends the method as written ("get" is not GET), and refuses what is not an RFC 9110 token.
        if (!HeaderRules.isName(method)) {
            throw BlackboxConfigException.invalid(name, "http.method", "\"" + method + "\" is not an HTTP method (a token)");
        }
        return method;
    }

    private static ClientCertificate clientCertificate(String name, Map<String, Object> tls) {
        return clientCertificate(name, "http.tls_config.", tls);
    }

    /**
     * cert or cert_file with key or key_file, as prometheus/common pairs them; files read now.
     *
     * @param prefix the tls_config's path, "tcp.tls_config." for example
     */
    static ClientCertificate clientCertificate(String name, String prefix, Map<String, Object> tls) {
        String cert = secretOrFile(name, prefix + "cert", tls.get("cert"), tls.get("cert_file"));
        String key = secretOrFile(name, prefix + "key", tls.get("key"), tls.get("key_file"));
        if (cert == null && key == null) {
            return null;
        }
        if (cert == null || key == null) {
            throw BlackboxConfigException.invalid(name, prefix + (cert == null ? "cert" : "key"),
                    "exactly one of cert or cert_file, and one of key or key_file, must be configured for a client certificate");
        }
        try {
            return ClientCertificate.of(cert, key);
        } catch (IllegalArgumentException e) {
            throw BlackboxConfigException.invalid(name, prefix.substring(0, prefix.length() - 1),
                    "the client certificate and key: " + e.getMessage());
        }
    }

    private static String serverName(String name, Object value) {
        String serverName = YamlValues.string(name, "http.tls_config.server_name", value);
        if (serverName == null || serverName.isEmpty()) {
            return null;
        }
        if (!serverName.matches("[A-Za-z0-9._:-]+")) {
            throw BlackboxConfigException.invalid(name, "http.tls_config.server_name",
                    "\"" + serverName + "\" is not a host name or address");
        }
        return serverName;
    }

    /**
     * The versions from min_version (Go's default for a client: TLS12) to max_version (the
     * newest); empty when neither is set, which leaves the JDK's defaults (TLS 1.2 and 1.3).
     */
    private static List<String> tlsProtocols(String name, Map<String, Object> tls) {
        String min = YamlValues.string(name, "http.tls_config.min_version", tls.get("min_version"));
        String max = YamlValues.string(name, "http.tls_config.max_version", tls.get("max_version"));
        if ((min == null || min.isEmpty()) && (max == null || max.isEmpty())) {
            return List.of();
        }
        List<String> names = List.copyOf(TLS_VERSIONS.keySet());
        int from = tlsVersion(name, "http.tls_config.min_version", min, names.indexOf("TLS12"));
        int to = tlsVersion(name, "http.tls_config.max_version", max, names.size() - 1);
        if (to < from) {
            throw BlackboxConfigException.invalid(name, "http.tls_config.max_version",
                    "max_version must be greater than or equal to min_version");
        }
        return names.subList(from, to + 1).stream().map(TLS_VERSIONS::get).toList();
    }

    private static int tlsVersion(String name, String key, String version, int absent) {
        if (version == null || version.isEmpty()) {
            return absent;
        }
        if (!TLS_VERSIONS.containsKey(version)) {
            throw BlackboxConfigException.invalid(name, key, "unknown TLS version: " + version
                    + " (TLS10, TLS11, TLS12 or TLS13)");
        }
        return List.copyOf(TLS_VERSIONS.keySet()).indexOf(version);
    }

    /** body, or body_file read now: blackbox reads the file at every probe, HeadProbe once. */
    private static byte[] requestBody(String name, Map<String, Object> http) {
        String body = YamlValues.string(name, "http.body", http.get("body"));
        String file = YamlValues.string(name, "http.body_file", http.get("body_file"));
        boolean hasBody = body != null && !body.isEmpty();
        if (file == null || file.isEmpty()) {
            return hasBody ? body.getBytes(StandardCharsets.UTF_8) : null;
        }
        if (hasBody) {
            throw BlackboxConfigException.invalid(name, "http.body_file", "setting body and body_file both are not allowed");
        }
        try {
            return Files.readAllBytes(readableFile(name, "http.body_file", file));
        } catch (IOException e) {
            throw BlackboxConfigException.invalid(name, "http.body_file", file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * http_headers, then the Authorization of basic_auth, authorization or bearer_token, as
     * prometheus/common's round trippers add them; files are read now (blackbox reads them at every
     * probe) and trimmed. An Authorization in http.headers wins, as in Go.
     */
    private static List<Module.SecretHeader> secretHeaders(String name, Map<String, Object> http,
            Map<String, String> headers) {
        List<Module.SecretHeader> secrets = new ArrayList<>();
        YamlValues.map(name, "http.http_headers", http.get("http_headers")).forEach((header, value) -> {
            String key = "http.http_headers." + header;
            if (!HeaderRules.isName(header)) {
                throw BlackboxConfigException.invalid(name, key, "\"" + header + "\" is not a header name");
            }
            if (RESERVED.contains(header.toLowerCase(Locale.ROOT))) {
                throw BlackboxConfigException.invalid(name, key, "setting header " + header + " is not allowed");
            }
            Map<String, Object> values = YamlValues.map(name, key, value);
            checkKeys(name, key + ".", values, HTTP_HEADER_KEYS);
            for (String v : strings(name, key + ".values", values.get("values"))) {
                secrets.add(secret(name, key + ".values", header, v));
            }
            for (String v : strings(name, key + ".secrets", values.get("secrets"))) {
                secrets.add(secret(name, key + ".secrets", header, v));
            }
            for (String file : strings(name, key + ".files", values.get("files"))) {
                secrets.add(secret(name, key + ".files", header, fileSecret(name, key + ".files", file)));
            }
        });
        String authorization = authorization(name, http);
        if (authorization != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Authorization"))) {
            secrets.add(secret(name, "http.authorization", "Authorization", authorization));
        }
        return List.copyOf(secrets);
    }

    /** The Authorization value the credentials keys make, null for none; refuses what prometheus/common refuses. */
    private static String authorization(String name, Map<String, Object> http) {
        Map<String, Object> basic = YamlValues.map(name, "http.basic_auth", http.get("basic_auth"));
        Map<String, Object> authorization = YamlValues.map(name, "http.authorization", http.get("authorization"));
        String bearer = secretOrFile(name, "http.bearer_token", http.get("bearer_token"), http.get("bearer_token_file"));
        if (!authorization.isEmpty() && bearer != null) {
            throw BlackboxConfigException.invalid(name, "http.authorization",
                    "authorization is not compatible with bearer_token & bearer_token_file");
        }
        if (!basic.isEmpty() && (bearer != null || !authorization.isEmpty())) {
            throw BlackboxConfigException.invalid(name, "http.basic_auth",
                    "at most one of basic_auth, oauth2, authorization, bearer_token & bearer_token_file must be configured");
        }
        if (!basic.isEmpty()) {
            checkKeys(name, "http.basic_auth.", basic, BASIC_AUTH_KEYS);
            String username = secretOrFile(name, "http.basic_auth.username", basic.get("username"), basic.get("username_file"));
            String password = secretOrFile(name, "http.basic_auth.password", basic.get("password"), basic.get("password_file"));
            String pair = (username == null ? "" : username) + ":" + (password == null ? "" : password);
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        if (!authorization.isEmpty()) {
            checkKeys(name, "http.authorization.", authorization, AUTHORIZATION_KEYS);
            String type = YamlValues.string(name, "http.authorization.type", authorization.get("type"));
            type = type == null || type.isBlank() ? "Bearer" : type.strip();
            if (type.equalsIgnoreCase("basic")) {
                throw BlackboxConfigException.invalid(name, "http.authorization.type",
                        "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
            }
            String credentials = secretOrFile(name, "http.authorization.credentials", authorization.get("credentials"),
                    authorization.get("credentials_file"));
            if (credentials == null || credentials.isEmpty()) {
                throw BlackboxConfigException.invalid(name, "http.authorization.credentials",
                        "missing (credentials or credentials_file)");
            }
            return type + " " + credentials;
        }
        return bearer == null ? null : "Bearer " + bearer;
    }

    /** {@code key} or {@code key_file} (read now, trimmed); null when neither is set. */
    private static String secretOrFile(String name, String key, Object value, Object fileValue) {
        String secret = YamlValues.string(name, key, value);
        String file = YamlValues.string(name, key + "_file", fileValue);
        boolean hasSecret = secret != null && !secret.isEmpty();
        if (file == null || file.isEmpty()) {
            return hasSecret ? secret : null;
        }
        if (hasSecret) {
            throw BlackboxConfigException.invalid(name, key + "_file", "at most one of " + key + " & " + key
                    + "_file must be configured");
        }
        return fileSecret(name, key + "_file", file);
    }

    private static String fileSecret(String name, String key, String file) {
        try {
            return Files.readString(readableFile(name, key, file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            // The exception's message names the file only: never its content.
            throw BlackboxConfigException.invalid(name, key, file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** The rules the wire uses; the message never quotes the value, which is a credential. */
    private static Module.SecretHeader secret(String name, String key, String header, String value) {
        if (HeaderRules.problem(header, value) != null) {
            throw BlackboxConfigException.invalid(name, key,
                    "the value cannot be sent in a header (a control or non-ASCII character, or a space at an end)");
        }
        return new Module.SecretHeader(header, value);
    }

    private static List<String> strings(String name, String key, Object value) {
        List<String> strings = new ArrayList<>();
        List<?> list = YamlValues.list(name, key, value);
        for (int i = 0; i < list.size(); i++) {
            String text = YamlValues.string(name, key + "[" + i + "]", list.get(i));
            strings.add(text == null ? "" : text);
        }
        return strings;
    }

    private static List<Pattern> regexps(String name, String key, Object value) {
        List<Pattern> patterns = new ArrayList<>();
        List<?> list = YamlValues.list(name, key, value);
        for (int i = 0; i < list.size(); i++) {
            patterns.add(regexp(name, key + "[" + i + "]", YamlValues.string(name, key + "[" + i + "]", list.get(i))));
        }
        return List.copyOf(patterns);
    }

    /** RE2, as Go: it refuses what Go refuses, e.g. Java's lookaround and possessive quantifiers; the words are Go's. */
    private static Pattern regexp(String name, String key, String regexp) {
        try {
            return Pattern.compile(regexp == null ? "" : regexp);
        } catch (PatternSyntaxException e) {
            throw BlackboxConfigException.invalid(name, key,
                    "\"" + regexp + "\" is not a Go regexp: " + e.getDescription() + ": `" + e.getPattern() + "`");
        }
    }

    /** Go's units.Base2Bytes: a number of bytes, or with a unit (KB and KiB are both 1024); 0 or less: none. */
    private static long bodySizeLimit(String name, Object value) {
        String text = value == null ? "" : String.valueOf(value).strip();
        if (text.isEmpty() || text.startsWith("-")) {
            return 0; // blackbox takes a negative limit as none
        }
        java.util.regex.Matcher size = BYTES.matcher(text);
        if (!size.matches()) {
            throw BlackboxConfigException.invalid(name, "http.body_size_limit",
                    "\"" + text + "\" is not a size (write it as 512, 512B, 64KB, 10MiB)");
        }
        long number = Long.parseLong(size.group(1));
        String unit = size.group(2) == null ? "" : size.group(2).toUpperCase(Locale.ROOT).replace("I", "");
        int shift = switch (unit) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            case "TB" -> 40;
            default -> 0;
        };
        return number > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : number << shift;
    }

    private static final java.util.regex.Pattern BYTES = java.util.regex.Pattern
            .compile("-?(\\d{1,18})\\s*(B|[KMGT]i?B)?", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * gzip, deflate, br or identity. As blackbox, an Accept-Encoding of http.headers must then
     * offer that coding.
     */
    private static String compression(String name, Object value, Map<String, String> headers) {
        String compression = YamlValues.string(name, "http.compression", value);
        if (compression == null || compression.isEmpty()) {
            return "";
        }
        String coding = compression.toLowerCase(Locale.ROOT);
        if (!List.of("gzip", "deflate", "br", "identity").contains(coding)) {
            throw BlackboxConfigException.invalid(name, "http.compression",
                    "\"" + compression + "\" is not gzip, deflate, br or identity");
        }
        headers.forEach((header, accept) -> {
            if (header.equalsIgnoreCase("Accept-Encoding") && !accepts(accept, coding)) {
                throw BlackboxConfigException.invalid(name, "http.headers." + header,
                        "\"" + accept + "\" does not offer " + coding + ", which http.compression expects");
            }
        });
        return coding;
    }

    /** Whether an Accept-Encoding lists {@code coding} with a quality above 0 (blackbox's own check). */
    private static boolean accepts(String acceptEncoding, String coding) {
        if (acceptEncoding.isEmpty()) {
            return true;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] nameAndQuality = part.split(";", 2);
            if (!nameAndQuality[0].strip().equalsIgnoreCase(coding)) {
                continue;
            }
            if (nameAndQuality.length == 1) {
                return true;
            }
            try {
                return Double.parseDouble(nameAndQuality[1].strip().replaceFirst("^q=", "")) > 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /** Host is allowed: it replaces the target's Host, as in blackbox (see {@link Module#host()}). */
    private static Map<String, String> headers(String name, Object value) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> byLowerCase = new HashMap<>();
        YamlValues.map(name, "http.headers", value).forEach((header, v) -> {
            String key = "http.headers." + header;
            if (!HeaderRules.isName(header)) {
                throw BlackboxConfigException.invalid(name, key, "\"" + header + "\" is not a header name");
            }
            if (!header.equalsIgnoreCase("Host") && HeaderRules.reserved(header)) {
                throw BlackboxConfigException.invalid(name, key,
                        header + " cannot be set by a module: HeadProbe sets it (or HTTP/2 forbids it)");
            }
            // Go keeps one of the two, whichever its map order gives last.
            String same = byLowerCase.put(header.toLowerCase(Locale.ROOT), header);
            if (same != null) {
                throw BlackboxConfigException.invalid(name, key, "names the same header as http.headers." + same);
            }
            String text = YamlValues.string(name, key, v);
            text = text == null ? "" : text;
            String problem = HeaderRules.problem(header, text);
            if (problem != null) {
                // The rules the wire uses: a value Netty would refuse must stop start-up, not every probe.
                throw BlackboxConfigException.invalid(name, key, "header " + problem);
            }
            headers.put(header, text);
        });
        return Collections.unmodifiableMap(headers);
    }

    /**
     * follow_redirects, or 0.23's older no_follow_redirects. Both set and disagreeing is an error:
     * blackbox quietly lets no_follow_redirects win, which is easy to misread.
     */
    private static boolean followRedirects(String name, Map<String, Object> http) {
        boolean follow = YamlValues.bool(name, "http.follow_redirects", http.get("follow_redirects"), true);
        if (http.get("no_follow_redirects") == null) {
            return follow;
        }
        boolean noFollow = YamlValues.bool(name, "http.no_follow_redirects", http.get("no_follow_redirects"), false);
        if (http.get("follow_redirects") != null && follow == noFollow) {
            throw BlackboxConfigException.invalid(name, "http.no_follow_redirects",
                    noFollow + " contradicts http.follow_redirects: " + follow + " (keep follow_redirects only)");
        }
        return !noFollow;
    }

    private static List<Module.HeaderMatch> headerMatches(String name, String key, Object value) {
        List<Module.HeaderMatch> matches = new ArrayList<>();
        List<?> list = YamlValues.list(name, key, value);
        for (int i = 0; i < list.size(); i++) {
            String entryKey = key + "[" + i + "]";
            Map<String, Object> entry = YamlValues.map(name, entryKey, list.get(i));
            for (String k : entry.keySet()) {
                if (!HEADER_MATCH_KEYS.contains(k)) {
                    throw BlackboxConfigException.unknown(name, entryKey + "." + k);
                }
            }
            String header = YamlValues.string(name, entryKey + ".header", entry.get("header"));
            if (header == null || header.isEmpty()) {
                throw BlackboxConfigException.invalid(name, entryKey + ".header", "missing (the header to match)");
            }
            String regexp = YamlValues.string(name, entryKey + ".regexp", entry.get("regexp"));
            if (regexp == null || regexp.isEmpty()) {
                throw BlackboxConfigException.invalid(name, entryKey + ".regexp", "missing (the regexp to match)");
            }
            Pattern pattern = regexp(name, entryKey + ".regexp", regexp);
            boolean allowMissing = YamlValues.bool(name, entryKey + ".allow_missing", entry.get("allow_missing"),
                    false);
            matches.add(new Module.HeaderMatch(header, pattern, allowMissing));
        }
        return List.copyOf(matches);
    }

    /**
     * Relative paths are the working directory's, as in blackbox 0.23 (it does not resolve them
     * against the file). Read here, once: a file without a certificate stops start-up.
     */
    private static Optional<CaFile> caFile(String name, Map<String, Object> tls) {
        String file = YamlValues.string(name, "http.tls_config.ca_file", tls.get("ca_file"));
        String pem = YamlValues.string(name, "http.tls_config.ca", tls.get("ca"));
        boolean inline = pem != null && !pem.isEmpty();
        if (file == null || file.isEmpty()) {
            if (!inline) {
                return Optional.empty();
            }
            try {
                return Optional.of(CaFile.of("the PEM text", pem));
            } catch (IllegalArgumentException e) {
                throw BlackboxConfigException.invalid(name, "http.tls_config.ca", e.getMessage());
            }
        }
        if (inline) {
            throw BlackboxConfigException.invalid(name, "http.tls_config.ca_file", "at most one of ca & ca_file must be configured");
        }
        Path path = readableFile(name, "http.tls_config.ca_file", file);
        try {
            return Optional.of(CaFile.read(path));
        } catch (IllegalArgumentException e) {
            throw BlackboxConfigException.invalid(name, "http.tls_config.ca_file", e.getMessage());
        }
    }

    /** Relative paths are the working directory's, as in blackbox (it does not resolve them against the file). */
    static Path readableFile(String name, String key, String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw BlackboxConfigException.invalid(name, key, e.getMessage());
        }
        if (!Files.exists(path)) {
            throw BlackboxConfigException.invalid(name, key, file + " does not exist");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw BlackboxConfigException.invalid(name, key, file + " is not a readable file");
        }
        return path;
    }

    private static String ipProtocol(String name, Object value) {
        String protocol = YamlValues.string(name, "http.preferred_ip_protocol", value);
        if (protocol == null || protocol.isEmpty()) {
            return "ip6"; // blackbox's default
        }
        if (!protocol.equals("ip4") && !protocol.equals("ip6")) {
            throw BlackboxConfigException.invalid(name, "http.preferred_ip_protocol",
                    "\"" + protocol + "\" is neither ip4 nor ip6");
        }
        return protocol;
    }
}
