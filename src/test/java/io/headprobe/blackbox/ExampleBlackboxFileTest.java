package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.headprobe.testing.ExternalProcess;

/**
 * Upstream's example.yml, module by module: each loads, or is refused (its prober) or stops
 * start-up (a key HeadProbe does not honour, a file that is not there) with its reason. The file
 * is read where Debian's package installs it (0.23's); the modules 0.28's example added are
 * written here in the same shapes.
 */
class ExampleBlackboxFileTest {

    static final Path EXAMPLE = Path.of("/usr/share/doc/prometheus-blackbox-exporter/examples/example.yml");

    private static final String LOADS = "loads";

    @Test
    void everyModuleOfTheInstalledExampleLoadsOrSaysWhyNot() throws IOException {
        ExternalProcess.requireFile(EXAMPLE, "prometheus-blackbox-exporter");
        Map<String, String> expected = new LinkedHashMap<>();
        for (String name : new String[] { "http_2xx_example", "http_with_proxy", "http_post_2xx", "http_basic_auth_example" }) {
            expected.put(name, LOADS);
        }
        expected.put("http_custom_ca_example", "blackbox module \"http_custom_ca_example\": key http.tls_config.ca_file: "
                + "/certs/my_cert.crt does not exist");
        for (String name : new String[] { "http_gzip", "http_gzip_with_accept_encoding", "tls_connect", "tcp_connect_example",
                "imap_starttls", "smtp_starttls", "irc_banner_example" }) {
            expected.put(name, LOADS);
        }
        expected.put("icmp_example", "refused: " + "prober icmp: " + BlackboxFile.REFUSED_PROBERS.get("icmp"));
        for (String name : new String[] { "dns_udp_example", "dns_soa", "dns_tcp_example" }) {
            expected.put(name, LOADS);
        }
        assertEquals(expected, outcomes(Files.readString(EXAMPLE, StandardCharsets.UTF_8)));
    }

    /** The modules 0.28's example has beyond 0.23's, in their shapes (names and values are this test's). */
    @Test
    void theModulesLaterReleasesAddedLoadOrSayWhyNot() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("proxy_with_connect_header", LOADS);
        expected.put("accept_language_as_http_headers", LOADS);
        expected.put("cel_body", "blackbox module \"cel_body\": key http.fail_if_body_json_not_matches_cel is not supported "
                + "by HeadProbe (it has no CEL evaluator (use fail_if_body_matches_regexp))");
        expected.put("oauth2_client_credentials", "blackbox module \"oauth2_client_credentials\": key http.oauth2 is not "
                + "supported by HeadProbe (it does not run OAuth 2.0 token requests)");
        expected.put("body_file_missing", "blackbox module \"body_file_missing\": key http.body_file: /no/such/body.txt does "
                + "not exist");
        expected.put("tls_tcp_ca_missing", "blackbox module \"tls_tcp_ca_missing\": key tcp.tls_config.ca_file: "
                + "/no/such/ca.crt does not exist");
        expected.put("unix_ping", "refused: prober unix: " + BlackboxFile.REFUSED_PROBERS.get("unix"));
        expected.put("postgres_ssl_request", LOADS);
        expected.put("header_from_missing_file", "blackbox module \"header_from_missing_file\": key "
                + "http.http_headers.X-Api-Key.files: /no/such/key.txt does not exist");
        assertEquals(expected, outcomes("""
                modules:
                  proxy_with_connect_header:
                    prober: http
                    http:
                      proxy_url: "http://127.0.0.1:8888"
                      proxy_connect_header:
                        Proxy-Authorization: [Bearer example]
                  accept_language_as_http_headers:
                    prober: http
                    http:
                      http_headers:
                        Accept-Language: {values: [de-CH]}
                      follow_redirects: false
                  cel_body:
                    prober: http
                    http:
                      fail_if_body_json_not_matches_cel: "body.ok == true"
                  oauth2_client_credentials:
                    prober: http
                    http:
                      valid_http_versions: ["HTTP/1.1", "HTTP/2"]
                      oauth2: {client_id: id, client_secret: s, token_url: "https://auth.example/token"}
                  body_file_missing:
                    prober: http
                    http: {method: PUT, body_file: /no/such/body.txt}
                  tls_tcp_ca_missing:
                    prober: tcp
                    tcp:
                      tls: true
                      tls_config: {ca_file: /no/such/ca.crt}
                      query_response: [{send: "HELLO\\r"}, {expect: "READY"}]
                  unix_ping:
                    prober: unix
                    unix:
                      query_response: [{send: ping}, {expect: pong}]
                  postgres_ssl_request:
                    prober: tcp
                    tcp:
                      query_response:
                      - send: !!binary AAAACATSFi8=
                      - expect_bytes: S
                      - starttls: true
                  header_from_missing_file:
                    prober: http
                    http:
                      http_headers:
                        X-Api-Key: {files: [/no/such/key.txt]}
                """));
    }

    /** Each module on its own, as a file of one module. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> outcomes(String yaml) {
        Map<String, Object> modules = (Map<String, Object>) ((Map<String, Object>) BlackboxYaml.load(yaml)).get("modules");
        Map<String, String> outcomes = new LinkedHashMap<>();
        modules.forEach((name, module) -> {
            String one = new Yaml().dump(Map.of("modules", Map.of(name, module)));
            try {
                BlackboxFile file = BlackboxFile.parse(one);
                outcomes.put(name, file.refused().containsKey(name) ? "refused: " + file.refused().get(name) : LOADS);
            } catch (BlackboxConfigException e) {
                outcomes.put(name, e.getMessage());
            }
        });
        return outcomes;
    }
}
