package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.headprobe.blackbox.tcp.QueryStep;
import io.headprobe.blackbox.tcp.TcpModule;
import io.headprobe.http.Header;
import io.headprobe.probe.CaFile;

/** blackbox.yml to {@link Module}s: keys, defaults, and the errors that stop start-up. */
class BlackboxModulesTest {

    private static final Path DIR = Path.of("src/test/resources/blackbox");

    @Test
    void theExampleStyleFileGivesItsHttpAndTcpModulesAndRefusesIcmp() {
        BlackboxFile file = BlackboxFile.read(DIR.resolve("blackbox.yml"));

        assertEquals(List.of("http_2xx", "http_header_match", "http_strict"), List.copyOf(file.modules().keySet()));
        assertEquals(List.of("tls_connect"), List.copyOf(file.tcp().keySet()));
        assertTrue(file.tcp().get("tls_connect").tls());
        assertEquals(List.of("icmp_example"), List.copyOf(file.refused().keySet()));
        assertTrue(file.refused().get("icmp_example").startsWith("prober icmp: HeadProbe cannot send ICMP echo requests"));

        Module http2xx = file.modules().get("http_2xx");
        assertEquals(Duration.ofSeconds(5), http2xx.timeout());
        assertEquals("GET", http2xx.method());
    }

    @Test
    void everySupportedKeyIsMapped() {
        Module m = BlackboxFile.read(DIR.resolve("blackbox.yml")).modules().get("http_header_match");

        assertEquals("http_header_match", m.name());
        assertEquals(Duration.ofSeconds(5), m.timeout());
        assertEquals(List.of(), m.validStatusCodes());
        assertEquals(List.of("HTTP/1.1", "HTTP/2.0"), m.validHttpVersions());
        assertEquals("GET", m.method());
        assertEquals(List.of("Host", "Accept-Language", "Origin"), List.copyOf(m.headers().keySet()));
        assertEquals(Map.of("Host", "vhost.example.com", "Accept-Language", "en-US", "Origin", "example.com"),
                m.headers());
        assertEquals("vhost.example.com", m.host(), "sent as the Host, in place of the target's");
        assertEquals(List.of(new Header("Accept-Language", "en-US"), new Header("Origin", "example.com")),
                m.requestHeaders());
        assertTrue(m.followRedirects());
        assertFalse(m.failIfSsl());
        assertFalse(m.failIfNotSsl());
        assertEquals(1, m.failIfHeaderMatches().size());
        Module.HeaderMatch cookies = m.failIfHeaderMatches().get(0);
        assertEquals("Set-Cookie", cookies.header());
        assertEquals(".*", cookies.regexp().pattern());
        assertTrue(cookies.allowMissing());
        Module.HeaderMatch origin = m.failIfHeaderNotMatches().get(0);
        assertEquals("Access-Control-Allow-Origin", origin.header());
        assertTrue(origin.regexp().matcher("https://example.com").find(), "unanchored, as Go's MatchString");
        assertFalse(origin.regexp().matcher("https://example.org").find());
        assertFalse(origin.allowMissing());
        assertFalse(m.insecureSkipVerify());
        assertEquals(Optional.empty(), m.caFile());
        assertEquals("ip4", m.preferredIpProtocol());
        assertFalse(m.ipProtocolFallback());

        Module strict = BlackboxFile.read(DIR.resolve("blackbox.yml")).modules().get("http_strict");
        assertEquals(Duration.ofSeconds(90), strict.timeout());
        assertEquals("HEAD", strict.method());
        assertEquals(List.of(200, 204, 301), strict.validStatusCodes());
        assertFalse(strict.followRedirects());
        assertTrue(strict.failIfNotSsl());
        assertEquals(Optional.of("src/test/resources/blackbox/ca.pem"), strict.caFile().map(CaFile::path));
        assertTrue(strict.failIfHeaderNotMatches().get(0).regexp().matcher("max-age=63072000").find(),
                "Go's (?P<name>...) group is read");
    }

    @Test
    void theRestOfTheBooleansAndLists() {
        Module m = module("""
                fail_if_ssl: true
                tls_config: {insecure_skip_verify: true}
                valid_status_codes: [418]
                headers: {X-Version: 1.10, X-Date: 2024-01-01, X-Empty: }
                fail_if_header_matches: [{header: Server, regexp: '(?i)apache', allow_missing: yes}]
                """);
        assertTrue(m.failIfSsl());
        assertTrue(m.insecureSkipVerify());
        assertEquals(List.of(418), m.validStatusCodes());
        // Text as written, as Go's yaml.v3 leaves it for a string field.
        assertEquals(Map.of("X-Version", "1.10", "X-Date", "2024-01-01", "X-Empty", ""), m.headers());
        assertTrue(m.failIfHeaderMatches().get(0).regexp().matcher("Apache/2.4").find());
        assertTrue(m.failIfHeaderMatches().get(0).allowMissing());
    }

    @Test
    void aModuleWithOnlyItsProberHasBlackboxDefaults() {
        Module m = BlackboxFile.parse("modules: {http_2xx: {prober: http}}").modules().get("http_2xx");

        assertEquals(Module.http2xx(), m);
        assertEquals(Duration.ZERO, m.timeout());
        assertEquals("ip6", m.preferredIpProtocol());
        assertTrue(m.followRedirects());
        assertTrue(m.ipProtocolFallback());
        assertEquals(Module.http2xx(), BlackboxFile.parse("modules: {http_2xx: {prober: http, http: }}")
                .modules().get("http_2xx"));
    }

    @Test
    void withoutAFileThereIsBlackboxsBuiltInHttp2xx() {
        assertEquals(Map.of("http_2xx", Module.http2xx()), BlackboxModules.load(Optional.empty()).modules());
    }

    @ParameterizedTest
    @CsvSource({
            "5s, PT5S",
            "1m30s, PT1M30S",
            "500ms, PT0.5S",
            "1.5h, PT1H30M",
            "2h45m, PT2H45M",
            "0, PT0S",
            "0s, PT0S",
            "1us, PT0.000001S",
            "1µs, PT0.000001S",
            "1μs, PT0.000001S",
            "250ns, PT0.00000025S",
            ".5s, PT0.5S",
            "+3s, PT3S",
            "-1.5s, PT-1.5S",
            "1h0m0.001s, PT1H0.001S" })
    void goDurations(String go, String java) {
        assertEquals(Duration.parse(java), GoDuration.parse(go));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5 | missing unit in duration \"5\"",
            "5x | unknown unit \"x\" in duration \"5x\"",
            "5S | unknown unit \"S\" in duration \"5S\"",
            "s | invalid duration \"s\"",
            "- | invalid duration \"-\"",
            "1.2.3s | missing unit in duration \"1.2.3s\"",
            "PT5S | invalid duration \"PT5S\"",
            "3000000h | invalid duration \"3000000h\"" })
    void badGoDurations(String go, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(go)).getMessage());
    }

    @Test
    void aModuleTimeoutInAnotherFormIsAnError() {
        assertEquals("blackbox module \"m\": key timeout: missing unit in duration \"5\" (write it as Go does: 5s, "
                + "1m30s, 500ms)", error("modules: {m: {prober: http, timeout: 5}}"));
        assertEquals("blackbox module \"m\": key timeout: \"-5s\" is negative",
                error("modules: {m: {prober: http, timeout: -5s}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fail_if_body_json_matches_cel: 'body.ok' | http.fail_if_body_json_matches_cel | it has no CEL evaluator (use fail_if_body_matches_regexp)",
            "oauth2: {client_id: a} | http.oauth2 | it does not run OAuth 2.0 token requests",
            "proxy_url: 'socks5://127.0.0.1:1080' | http.proxy_url | it speaks to HTTP proxies only (http://), not socks5://",
            "proxy_url: 'https://127.0.0.1:3128' | http.proxy_url | it speaks to HTTP proxies only (http://), not https://",
            "basic_auth: {username: u, password_ref: p} | http.basic_auth.password_ref | secret references need a secret store HeadProbe does not have (use the _file key)",
            "enable_http3: true | http.enable_http3 | it does not speak HTTP/3" })
    void anUnsupportedKeyStopsStartUpNamingModuleAndKey(String http, String key, String why) {
        assertEquals("blackbox module \"m\": key " + key + " is not supported by HeadProbe (" + why + ")",
                error(moduleYaml(http)));
    }

    @Test
    void bodyKeysAreRead() throws Exception {
        Module module = module("""
                method: POST
                body: '{"q":1}'
                fail_if_body_matches_regexp: ['Could not connect']
                fail_if_body_not_matches_regexp: ['^ok', 'b+']
                body_size_limit: 64KB
                compression: gzip
                enable_http2: false""");
        assertEquals("POST", module.method());
        assertArrayEquals("{\"q\":1}".getBytes(StandardCharsets.UTF_8), module.extras().requestBody());
        assertEquals(List.of("Could not connect"), module.extras().failIfBodyMatches().stream().map(Object::toString).toList());
        assertEquals(List.of("^ok", "b+"), module.extras().failIfBodyNotMatches().stream().map(Object::toString).toList());
        assertEquals(64 * 1024, module.extras().bodySizeLimit());
        assertEquals("gzip", module.extras().compression());
        assertFalse(module.extras().enableHttp2());

        Path file = Files.writeString(Files.createTempFile("body", ".json"), "from a file\n");
        assertArrayEquals("from a file\n".getBytes(StandardCharsets.UTF_8),
                module("{method: PUT, body_file: '" + file + "'}").extras().requestBody());
        assertEquals("blackbox module \"m\": key http.body_file: setting body and body_file both are not allowed",
                error(moduleYaml("{body: x, body_file: '" + file + "'}")));
        assertEquals("blackbox module \"m\": key http.body_file: /nonexistent/b does not exist",
                error(moduleYaml("body_file: /nonexistent/b")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "512 | 512", "512B | 512", "1KB | 1024", "1KiB | 1024", "2MB | 2097152",
            "1GiB | 1073741824", "0 | 0", "-1 | 0" })
    void bodySizeLimitIsGoBase2Bytes(String yaml, long bytes) {
        assertEquals(bytes, module("body_size_limit: " + yaml).extras().bodySizeLimit());
    }

    @Test
    void badBodyKeysNameModuleAndKey() {
        assertEquals("blackbox module \"m\": key http.body_size_limit: \"lots\" is not a size (write it as 512, "
                + "512B, 64KB, 10MiB)", error(moduleYaml("body_size_limit: lots")));
        assertEquals("blackbox module \"m\": key http.compression: \"zstd\" is not gzip, deflate, br or identity",
                error(moduleYaml("compression: zstd")));
        assertEquals("blackbox module \"m\": key http.headers.Accept-Encoding: \"br\" does not offer gzip, which "
                + "http.compression expects", error(moduleYaml("{compression: gzip, headers: {Accept-Encoding: br}}")));
        assertEquals("gzip", module("{compression: gzip, headers: {Accept-Encoding: 'br, gzip;q=0.5'}}").extras().compression());
        assertEquals("blackbox module \"m\": key http.fail_if_body_matches_regexp[0]: \"(unclosed\" is not a Go regexp: "
                + "missing closing ): `(unclosed`", error(moduleYaml("fail_if_body_matches_regexp: ['(unclosed']")));
    }

    @Test
    void credentialsBecomeHeadersThatDebugNeverShows() throws Exception {
        Path password = Files.writeString(Files.createTempFile("password", ""), "s3cret-file\n");
        Module basic = module("basic_auth: {username: user, password_file: '" + password + "'}");
        assertEquals(List.of(new Header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("user:s3cret-file".getBytes(StandardCharsets.UTF_8)))), basic.requestHeaders());
        assertEquals(List.of(new Header("Authorization", "Bearer tok-1")), module("bearer_token: tok-1").requestHeaders());
        assertEquals(List.of(new Header("Authorization", "Token tok-2")),
                module("authorization: {type: Token, credentials: tok-2}").requestHeaders());
        Module headers = module("http_headers: {X-Api: {values: [plain], secrets: [hidden], files: ['" + password + "']}}");
        assertEquals(List.of(new Header("X-Api", "plain"), new Header("X-Api", "hidden"), new Header("X-Api", "s3cret-file")),
                headers.requestHeaders());
        for (Module module : List.of(basic, headers, module("bearer_token: tok-1"))) {
            String shown = module.toString();
            for (String secret : List.of("s3cret", "hidden", "tok-1", "dXNlcjpzM2NyZXQ")) {
                assertFalse(shown.contains(secret), shown);
            }
        }
        assertEquals(List.of(new Header("Authorization", "mine")),
                module("{headers: {Authorization: mine}, bearer_token: tok}").requestHeaders(), "http.headers wins, as in Go");
    }

    @Test
    void anInlineCaIsReadAsCaFileIs() {
        io.headprobe.testing.TestCa ca = io.headprobe.testing.TestCa.create();
        String pem = ca.rootPem().replace("\n", "\\n");
        assertEquals("the PEM text", module("tls_config: {ca: \"" + pem + "\"}").caFile().orElseThrow().path());
        String bad = error(moduleYaml("tls_config: {ca: 'not a certificate'}"));
        assertTrue(bad.startsWith("blackbox module \"m\": key http.tls_config.ca: the PEM text holds no PEM certificate"), bad);
        assertEquals("blackbox module \"m\": key http.tls_config.ca_file: at most one of ca & ca_file must be configured",
                error(moduleYaml("tls_config: {ca: \"" + pem + "\", ca_file: '" + ca.rootPemFile() + "'}")));
    }

    @Test
    void tlsServerNameAndVersionsAreRead() {
        Module module = module("tls_config: {server_name: tls.example, min_version: TLS12, max_version: TLS12}");
        assertEquals("tls.example", module.extras().serverName());
        assertEquals(List.of("TLSv1.2"), module.extras().tlsProtocols());
        assertEquals(List.of("TLSv1.3"), module("tls_config: {min_version: TLS13}").extras().tlsProtocols());
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), module("tls_config: {max_version: TLS13}").extras().tlsProtocols(),
                "Go's client starts at TLS 1.2");
        assertEquals(List.of(), module("tls_config: {server_name: ''}").extras().tlsProtocols());
        assertEquals("blackbox module \"m\": key http.tls_config.min_version: unknown TLS version: TLS1.3 (TLS10, TLS11, "
                + "TLS12 or TLS13)", error(moduleYaml("tls_config: {min_version: TLS1.3}")));
        assertEquals("blackbox module \"m\": key http.tls_config.max_version: max_version must be greater than or equal "
                + "to min_version", error(moduleYaml("tls_config: {min_version: TLS13, max_version: TLS12}")));
    }

    @Test
    void aClientCertificateNeedsBothHalvesAndAPkcs8Key(@TempDir Path dir) throws IOException {
        Path rsaKey = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertEquals("blackbox module \"m\": key http.tls_config.key: exactly one of cert or cert_file, and one of key "
                + "or key_file, must be configured for a client certificate", error(moduleYaml("tls_config: {cert_file: '"
                        + rsaKey + "'}")));
        io.headprobe.testing.TestCa.Leaf leaf = io.headprobe.testing.TestCa.create().leaf("prober.example");
        assertEquals("blackbox module \"m\": key http.tls_config: the client certificate and key: holds no unencrypted "
                + "PKCS#8 key (\"BEGIN PRIVATE KEY\"; convert one with openssl pkcs8 -topk8 -nocrypt)",
                error(moduleYaml("tls_config: {cert_file: '" + leaf.chainFile() + "', key_file: '" + rsaKey + "'}")));
        Module module = module("tls_config: {cert_file: '" + leaf.chainFile() + "', key_file: '" + leaf.keyFile() + "'}");
        assertTrue(module.extras().clientCertificate() != null);
        assertFalse(module.toString().contains(leaf.keyPem().substring(40, 80)), "the key is never shown");
    }

    @Test
    void credentialsAreRefusedAsPrometheusCommonRefusesThem() {
        assertEquals("blackbox module \"m\": key http.authorization: authorization is not compatible with bearer_token "
                + "& bearer_token_file", error(moduleYaml("{bearer_token: a, authorization: {credentials: b}}")));
        assertEquals("blackbox module \"m\": key http.basic_auth: at most one of basic_auth, oauth2, authorization, "
                + "bearer_token & bearer_token_file must be configured",
                error(moduleYaml("{bearer_token: a, basic_auth: {username: u}}")));
        assertEquals("blackbox module \"m\": key http.authorization.type: authorization type cannot be set to "
                + "\"basic\", use \"basic_auth\" instead", error(moduleYaml("authorization: {type: Basic, credentials: x}")));
        assertEquals("blackbox module \"m\": key http.bearer_token_file: at most one of http.bearer_token & "
                + "http.bearer_token_file must be configured", error(moduleYaml("{bearer_token: a, bearer_token_file: /etc/hostname}")));
        assertEquals("blackbox module \"m\": key http.http_headers.Authorization: setting header Authorization is not "
                + "allowed", error(moduleYaml("http_headers: {Authorization: {values: [x]}}")));
        String bad = error(moduleYaml("bearer_token: \"tok\\u00e9n\""));
        assertEquals("blackbox module \"m\": key http.authorization: the value cannot be sent in a header (a control or "
                + "non-ASCII character, or a space at an end)", bad);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "fail_if_body_json_matches_cel: ''",
            "proxy_url: ''",
            "oauth2: {}",
            "skip_resolve_phase_with_proxy: false",
            "enable_http3: false",
            "tls_config: {cert_file: '', server_name: ''}",
            "enable_http2: true" })
    void anUnsupportedKeyLeftEmptyIsNotUsed(String http) {
        String yaml = moduleYaml(http).replace("  m:", "  http_2xx:");
        assertEquals(Module.http2xx(), BlackboxFile.parse(yaml).modules().get("http_2xx"));
    }

    @Test
    void unknownKeysAreTyposNotUnsupportedFeatures() {
        assertEquals("blackbox module \"m\": key http.folow_redirects is unknown (neither HeadProbe nor "
                + "blackbox_exporter has it)", error(moduleYaml("folow_redirects: false")));
        assertEquals("blackbox module \"m\": key timout is unknown (neither HeadProbe nor blackbox_exporter has it)",
                error("modules: {m: {prober: http, timout: 5s}}"));
        assertEquals("blackbox module \"m\": key http.tls_config.insecure is unknown (neither HeadProbe nor "
                + "blackbox_exporter has it)", error(moduleYaml("tls_config: {insecure: true}")));
        assertEquals("blackbox module \"m\": key http.fail_if_header_matches[0].regex is unknown (neither "
                + "HeadProbe nor blackbox_exporter has it)",
                error(moduleYaml("fail_if_header_matches: [{header: Server, regex: x}]")));
        assertEquals("blackbox config: key module is unknown (blackbox.yml has only \"modules\")",
                error("module: {m: {prober: http}}"));
    }

    @Test
    void otherProbersSectionsBesideHttpAreIgnoredAsBlackboxDoes() {
        assertEquals(Module.http2xx(), BlackboxFile.parse(
                "modules: {http_2xx: {prober: http, tcp: {tls: true}, icmp: {ttl: 3}}}").modules().get("http_2xx"));
    }

    @Test
    void anyMethodTokenIsSentAsWritten() {
        assertEquals("POST", BlackboxFile.read(DIR.resolve("http_post_2xx.yml")).modules().get("http_post_2xx").method());
        assertEquals("get", module("method: get").method(), "Go sends the method as written");
        assertEquals("PROPFIND", module("method: PROPFIND").method());
        assertEquals("HEAD", module("method: HEAD").method());
        assertEquals("GET", module("method: ''").method());
        assertEquals("blackbox module \"m\": key http.method: \"GET /\" is not an HTTP method (a token)",
                error(moduleYaml("method: 'GET /'")));
    }

    /** The file Debian's prometheus-blackbox-exporter installs loads, its POST module too. */
    @Test
    void debiansShippedConfigLoads() {
        java.nio.file.Path debian = java.nio.file.Path.of("/etc/prometheus/blackbox.yml");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(debian),
                debian + " is not installed (package prometheus-blackbox-exporter)");
        BlackboxFile file = BlackboxFile.read(debian);
        assertEquals("POST", file.modules().get("http_post_2xx").method());
        assertEquals("GET", file.modules().get("http_2xx").method());
    }

    @Test
    void noFollowRedirectsIsTheOlderSpellingOfFollowRedirects() {
        assertFalse(module("no_follow_redirects: true").followRedirects());
        assertTrue(module("no_follow_redirects: false").followRedirects());
        assertFalse(module("follow_redirects: false").followRedirects());
        assertFalse(module("{follow_redirects: false, no_follow_redirects: true}").followRedirects());
        assertEquals("blackbox module \"m\": key http.no_follow_redirects: true contradicts "
                + "http.follow_redirects: true (keep follow_redirects only)",
                error(moduleYaml("{follow_redirects: true, no_follow_redirects: true}")));
    }

    @Test
    void anInvalidRegexpNamesModuleAndKey() {
        assertEquals("blackbox module \"m\": key http.fail_if_header_not_matches[1].regexp: \"(unclosed\" is not a "
                + "Go regexp: missing closing ): `(unclosed`", error(moduleYaml("""
                        fail_if_header_not_matches:
                          - {header: Server, regexp: nginx}
                          - {header: Via, regexp: '(unclosed'}""")));
        assertEquals("blackbox module \"m\": key http.fail_if_header_matches[0].regexp: missing (the regexp to match)",
                error(moduleYaml("fail_if_header_matches: [{header: Server}]")));
        assertEquals("blackbox module \"m\": key http.fail_if_header_matches[0].header: missing (the header to match)",
                error(moduleYaml("fail_if_header_matches: [{regexp: x}]")));
    }

    @Test
    void goSyntaxIsReadAsIs() {
        Module m = module("""
                fail_if_header_not_matches:
                  - {header: Strict-Transport-Security, regexp: 'max-age=(?P<age>\\d+)\\z'}
                  - {header: X-Count, regexp: '^[[:digit:]]+$'}""");
        assertTrue(m.failIfHeaderNotMatches().get(0).regexp().matcher("max-age=63072000").find());
        assertFalse(m.failIfHeaderNotMatches().get(0).regexp().matcher("max-age=63072000; preload").find());
        assertTrue(m.failIfHeaderNotMatches().get(1).regexp().matcher("2024").find(), "a POSIX class, as in Go");
        assertFalse(m.failIfHeaderNotMatches().get(1).regexp().matcher("digit").find(),
                "not Java's class of the letters d, i, g, t and ':'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "max-age=\\d++ | invalid nested repetition operator: `++`",
            "(?=x)nginx | invalid or unsupported Perl syntax: `(?=`",
            "(?<!x)nginx | invalid named capture: `(?<!x)nginx`",
            "(a)\\1 | invalid escape sequence: `\\1`",
            "nginx\\Z | invalid escape sequence: `\\Z`"})
    void javaOnlySyntaxThatGoRefusesStopsStartUp(String regexp, String goError) {
        assertEquals("blackbox module \"m\": key http.fail_if_header_matches[0].regexp: \"" + regexp
                + "\" is not a Go regexp: " + goError,
                error(moduleYaml("fail_if_header_matches: [{header: Server, regexp: '" + regexp + "'}]")));
    }

    @Test
    void theCaFileMustBeThere(@TempDir Path dir) throws IOException {
        assertEquals("blackbox module \"m\": key http.tls_config.ca_file: /nonexistent/ca.pem does not exist",
                error(moduleYaml("tls_config: {ca_file: /nonexistent/ca.pem}")));
        assertEquals("blackbox module \"m\": key http.tls_config.ca_file: " + dir + " is not a readable file",
                error(moduleYaml("tls_config: {ca_file: '" + dir + "'}")));
        Path ca = Files.copy(DIR.resolve("ca.pem"), dir.resolve("ca.pem"));
        assertEquals(Optional.of(ca.toString()), module("tls_config: {ca_file: '" + ca + "'}").caFile().map(CaFile::path));
    }

    /** Read at start-up, not on each probe: a file with no certificate stops start-up. */
    @ParameterizedTest
    @ValueSource(strings = { "", "not a certificate\n" })
    void aCaFileWithoutPemStopsStartUp(String text, @TempDir Path dir) throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), text);
        String error = error(moduleYaml("tls_config: {ca_file: '" + ca + "'}"));
        assertTrue(error.startsWith("blackbox module \"m\": key http.tls_config.ca_file: " + ca + " holds no PEM certificate"),
                error);
    }

    @Test
    void valuesOfTheWrongKind() {
        assertEquals("blackbox module \"m\": key http.valid_status_codes[0]: \"2xx\" is not a whole number",
                error(moduleYaml("valid_status_codes: [2xx]")));
        assertEquals("blackbox module \"m\": key http.valid_status_codes[0]: 42 is not an HTTP status code (100 to 599)",
                error(moduleYaml("valid_status_codes: [42]")));
        assertEquals("blackbox module \"m\": key http.valid_status_codes: must be a list, not \"200\"",
                error(moduleYaml("valid_status_codes: 200")));
        assertEquals("blackbox module \"m\": key http.valid_http_versions[0]: \"HTTP/2\" is not a version blackbox "
                + "reports (HTTP/1.0, HTTP/1.1, HTTP/2.0 or HTTP/3.0)", error(moduleYaml("valid_http_versions: [HTTP/2]")));
        assertEquals("blackbox module \"m\": key http.fail_if_ssl: \"maybe\" is not true or false",
                error(moduleYaml("fail_if_ssl: maybe")));
        assertEquals("blackbox module \"m\": key http.preferred_ip_protocol: \"ip5\" is neither ip4 nor ip6",
                error(moduleYaml("preferred_ip_protocol: ip5")));
        assertEquals("blackbox module \"m\": key http.headers: must be a map, not a list",
                error(moduleYaml("headers: [Accept]")));
        assertEquals("blackbox module \"m\": key http.headers.Bad Name: \"Bad Name\" is not a header name",
                error(moduleYaml("headers: {Bad Name: x}")));
        assertEquals("blackbox module \"m\": key http.headers.X-A: header has a control character (U+000D) in its value",
                error(moduleYaml("headers: {X-A: \"a\\r\\nInjected: b\"}")));
        // What Netty would refuse on the wire stops start-up instead of failing every probe.
        assertEquals("blackbox module \"m\": key http.headers.X-A: header has a value that starts or ends with a space or tab",
                error(moduleYaml("headers: {X-A: \" v\"}")));
        assertEquals("blackbox module \"m\": key http.headers.X-A: header has a control character (U+007F) in its value",
                error(moduleYaml("headers: {X-A: \"v\\x7F\"}")));
        assertEquals("blackbox module \"m\": key http: must be a map, not \"yes\"",
                error("modules: {m: {prober: http, http: yes}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Content-Length", "transfer-encoding", "Connection", "Keep-Alive", "Proxy-Connection",
            "Upgrade", "TE" })
    void headersHeadProbeSetsStopStartUp(String name) {
        assertEquals("blackbox module \"m\": key http.headers." + name + ": " + name
                + " cannot be set by a module: HeadProbe sets it (or HTTP/2 forbids it)",
                error(moduleYaml("headers: {" + name + ": x}")));
    }

    @Test
    void aHeaderNamedTwiceStopsStartUp() {
        assertEquals("blackbox module \"m\": key http.headers.host: names the same header as http.headers.Host",
                error(moduleYaml("headers: {Host: a.example, host: b.example}")));
        assertEquals("blackbox module \"m\": key http.headers.:authority: \":authority\" is not a header name",
                error(moduleYaml("headers: {':authority': a.example}")), "nor a pseudo-header");
    }

    @Test
    void anEmptyHostIsTheTargetsAsInGo() {
        Module m = module("headers: {Host: '', X-A: b}");
        assertNull(m.host());
        assertEquals(List.of(new Header("X-A", "b")), m.requestHeaders());
        assertNull(Module.http2xx().host());
    }

    @Test
    void proberMustBeKnown() {
        assertEquals("blackbox module \"m\": key prober: missing (http, tcp, icmp, dns or grpc)",
                error("modules: {m: {timeout: 5s}}"));
        assertEquals("blackbox module \"m\": key prober: \"https\" is not a blackbox prober (http, tcp, icmp, dns or "
                + "grpc)", error("modules: {m: {prober: https}}"));
    }

    @Test
    void aFileThatIsNotABlackboxConfig() {
        assertTrue(error("modules: {m: [unclosed").startsWith("blackbox config is not YAML: "));
        assertTrue(error("modules:\n  a: 1\n  a: 2\n").startsWith("blackbox config is not YAML: "),
                "duplicate keys, refused by blackbox's yaml.v3 too");
        String badLine = error("modules:\n  m:\n    http:\n      basic_auth: {password: hunter2: x}\n");
        assertEquals("blackbox config is not YAML: expected ',' or '}', but got : at line 4, column 37", badLine,
                "no copy of the line: it reaches the log and /-/reload's answer, and may hold a secret");
        assertEquals("blackbox config must be a map with a \"modules\" key, not a list", error("- http_2xx"));
        assertEquals("blackbox config must be a map with a \"modules\" key, not \"just text\"", error("just text"));
        assertEquals("blackbox config is empty (it needs a \"modules\" map)", error("# nothing\n"));
        assertEquals("blackbox config: \"modules\" must be a map of module names, not a list",
                error("modules: [http_2xx]"));
        assertEquals("blackbox module \"http_2xx\" must be a map of keys such as prober and http, not \"http\"",
                error("modules: {http_2xx: http}"));
        assertEquals(Map.of(), BlackboxFile.parse("modules:").modules());
    }

    @Test
    void aFileErrorNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("blackbox.yml"), "\u0000\u0001 binary");
        String message = assertThrows(BlackboxConfigException.class, () -> BlackboxFile.read(file)).getMessage();
        assertTrue(message.startsWith(file + ": blackbox config is not YAML: "), message);

        Path missing = dir.resolve("missing.yml");
        assertTrue(assertThrows(BlackboxConfigException.class, () -> BlackboxModules.load(Optional.of(missing)))
                .getMessage().startsWith("cannot read blackbox config " + missing + ": "));
    }

    @Test
    void yamlAnchorsAndMergeKeysWork() {
        Map<String, Module> modules = BlackboxFile.parse("""
                modules:
                  base: &base
                    prober: http
                    timeout: 3s
                    http: {method: HEAD}
                  derived:
                    <<: *base
                    timeout: 7s
                """).modules();
        assertEquals("HEAD", modules.get("derived").method());
        assertEquals(Duration.ofSeconds(7), modules.get("derived").timeout());
        assertEquals(List.of("base", "derived"), modules.values().stream().map(Module::name).collect(Collectors.toList()));
    }

    /** A module "m" whose http section is {@code http} (a flow map or block lines). */
    private static String moduleYaml(String http) {
        String body = http.startsWith("{") ? " " + http
                : "\n" + http.lines().map(line -> "      " + line).collect(Collectors.joining("\n"));
        return "modules:\n  m:\n    prober: http\n    http:" + body + "\n";
    }

    private static Module module(String http) {
        return BlackboxFile.parse(moduleYaml(http)).modules().get("m");
    }

    private static String error(String yaml) {
        return assertThrows(BlackboxConfigException.class, () -> BlackboxFile.parse(yaml)).getMessage();
    }

    @Test
    void tcpModulesAreReadWithBlackboxsDefaults() {
        TcpModule tcp = BlackboxFile.parse("""
                modules:
                  smtp:
                    prober: tcp
                    timeout: 3s
                    tcp:
                      preferred_ip_protocol: ip4
                      query_response:
                      - expect: "^220 (.*)"
                        labels: [{name: greeting, value: "${1}"}]
                      - send: "EHLO prober"
                        starttls: true
                      - expect_bytes: "250"
                      tls_config: {server_name: mail.example, insecure_skip_verify: true}
                """).tcp().get("smtp");
        assertEquals(Duration.ofSeconds(3), tcp.timeout());
        assertEquals("ip4", tcp.preferredIpProtocol());
        assertTrue(tcp.ipProtocolFallback());
        assertFalse(tcp.tls());
        assertEquals("mail.example", tcp.serverName());
        assertTrue(tcp.insecureSkipVerify());
        assertEquals(List.of(new QueryStep.Label("greeting", "${1}")), tcp.queryResponse().get(0).labels());
        assertTrue(tcp.queryResponse().get(1).startTls());
        assertTrue(tcp.expectsBytes());
    }

    @Test
    void tcpKeysHeadProbeDoesNotHonourStopStartUp() {
        assertEquals("blackbox module \"t\": key tcp.source_ip_address: error parsing source ip address: 10.0.0.256",
                error("modules: {t: {prober: tcp, tcp: {source_ip_address: 10.0.0.256}}}"));
        assertEquals("2001:db8:0:0:0:0:0:1", BlackboxFile.parse("modules: {t: {prober: tcp, tcp: {source_ip_address: '2001:db8::1'}}}")
                .tcp().get("t").sourceIpAddress().getHostAddress());
        assertEquals("blackbox module \"t\": key tcp.tls_config.min_version is not supported by HeadProbe (the JVM's TLS "
                + "settings choose the versions)", error("modules: {t: {prober: tcp, tcp: {tls_config: {min_version: TLS13}}}}"));
        assertEquals("blackbox module \"t\": key tcp.query_response[0].expct is unknown (neither HeadProbe nor "
                + "blackbox_exporter has it)", error("modules: {t: {prober: tcp, tcp: {query_response: [{expct: x}]}}}"));
        assertEquals("blackbox module \"t\": key tcp.query_response[0].labels: needs an expect in the same step",
                error("modules: {t: {prober: tcp, tcp: {query_response: [{send: x, labels: [{name: a, value: b}]}]}}}"));
        assertEquals("blackbox module \"t\": key tcp.query_response[0].expect: \"(?=x)\" is not a Go regexp: "
                + "invalid or unsupported Perl syntax: `(?=`",
                error("modules: {t: {prober: tcp, tcp: {query_response: [{expect: \"(?=x)\"}]}}}"));
        assertEquals(Map.of(), BlackboxFile.parse("modules: {t: {prober: tcp, tcp: {source_ip_address: ''}}}").refused());
    }

    @Test
    void modulesOfProbersHeadProbeDoesNotRunAreNamedInOneWarnLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("blackbox.yml"), """
                modules:
                  icmp: {prober: icmp}
                  tcp_connect: {prober: tcp}
                  icmp_ttl5: {prober: icmp, icmp: {ttl: 5}}
                """);
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(BlackboxModules.class.getName());
        logger.addHandler(handler);
        try {
            assertEquals(List.of("tcp_connect"), List.copyOf(BlackboxModules.load(Optional.of(file)).tcp().keySet()));
        } finally {
            logger.removeHandler(handler);
        }
        List<String> warnings = records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> new SimpleFormatter().formatMessage(r)).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("icmp (prober icmp: HeadProbe cannot send ICMP echo requests"), warnings.get(0));
        assertTrue(warnings.get(0).contains("icmp_ttl5 (prober icmp: "), warnings.get(0));
    }
}
