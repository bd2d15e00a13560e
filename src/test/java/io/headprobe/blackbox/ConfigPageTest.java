package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** GET /config's text: the file's modules, with every value blackbox types as a secret masked. */
class ConfigPageTest {

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
                """, ConfigPage.of(file));
    }
}
