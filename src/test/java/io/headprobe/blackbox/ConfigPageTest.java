package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** GET /config's text: the file's modules, with every value blackbox types as a secret masked. */
class ConfigPageTest {

    /** The sections every module shows with blackbox's defaults, at the end of each. */
    static final String ICMP_AND_DNS = """
                icmp:
                  ip_protocol_fallback: true
                  ttl: 64
                dns:
                  ip_protocol_fallback: true
                  recursion_desired: true
            """;

    @Test
    void masksEverySecretBlackboxHasAndNothingElse() {
        String file = """
                modules:
                  m:
                    prober: http
                    http:
                      headers: {X-Plain: shown}
                      bearer_token: b
                      bearer_token_file: /etc/token
                      authorization: {type: Bearer, credentials: c}
                      basic_auth: {username: u, password: ""}
                      oauth2: {client_id: id, client_secret: cs}
                      proxy_connect_header: {Proxy-Authorization: [p1, p2]}
                      http_headers: {X-Key: {values: [v], secrets: [s], files: [/etc/k]}}
                      tls_config: {cert_file: /etc/c.pem, key: k}
                """;
        assertEquals("""
                modules:
                  m:
                    prober: http
                    http:
                      headers:
                        X-Plain: shown
                      bearer_token: <secret>
                      bearer_token_file: /etc/token
                      authorization:
                        type: Bearer
                        credentials: <secret>
                      basic_auth:
                        username: u
                        password: ''
                      oauth2:
                        client_id: id
                        client_secret: <secret>
                      proxy_connect_header:
                        Proxy-Authorization:
                        - <secret>
                        - <secret>
                      http_headers:
                        X-Key:
                          values:
                          - v
                          secrets:
                          - <secret>
                          files:
                          - /etc/k
                      tls_config:
                        cert_file: /etc/c.pem
                        key: <secret>
                      ip_protocol_fallback: true
                      follow_redirects: true
                      enable_http2: true
                    tcp:
                      ip_protocol_fallback: true
                """ + ICMP_AND_DNS, ConfigPage.of(file));
    }

    /**
     * As Debian's blackbox 0.23 answers /config: the sections and defaults it fills in are shown, the
     * module's own values kept (blackbox orders a section's keys as its Go struct does; HeadProbe
     * writes the module's first, then the defaults).
     */
    @Test
    void showsTheDefaultsBlackboxFillsIn() {
        assertEquals("""
                modules:
                  tcp_connect:
                    prober: tcp
                    timeout: 5s
                    http:
                      ip_protocol_fallback: true
                      follow_redirects: true
                      enable_http2: true
                    tcp:
                      preferred_ip_protocol: ip4
                      ip_protocol_fallback: true
                """ + ICMP_AND_DNS, ConfigPage.of("modules: {tcp_connect: {tcp: {preferred_ip_protocol: ip4}, timeout: 5s, prober: tcp}}"));
        assertEquals(ConfigPage.of("modules: {http_2xx: {prober: http}}"), ConfigPage.BUILT_IN);
        assertTrue(ConfigPage.BUILT_IN.contains("follow_redirects: true"), ConfigPage.BUILT_IN);
    }
}
