package io.headprobe.testing;

import java.nio.file.Path;

/** Debian's stock blackbox.yml (package prometheus-blackbox-exporter), and its tcp and grpc modules as written there. */
public final class StockBlackbox {

    public static final Path FILE = Path.of("/etc/prometheus/blackbox.yml");

    /** The stock file's four tcp modules, indented to go under {@code modules:}. */
    public static final String TCP_MODULES = """
              tcp_connect:
                prober: tcp
              pop3s_banner:
                prober: tcp
                tcp:
                  query_response:
                  - expect: "^+OK"
                  tls: true
                  tls_config:
                    insecure_skip_verify: false
              ssh_banner:
                prober: tcp
                tcp:
                  query_response:
                  - expect: "^SSH-2.0-"
                  - send: "SSH-2.0-blackbox-ssh-check"
              irc_banner:
                prober: tcp
                tcp:
                  query_response:
                  - send: "NICK prober"
                  - send: "USER prober prober prober :prober"
                  - expect: "PING :([^ ]+)"
                    send: "PONG ${1}"
                  - expect: "^:[^ ]+ 001"
            """;

    /** The stock file's two grpc modules, indented to go under {@code modules:}. */
    public static final String GRPC_MODULES = """
              grpc:
                prober: grpc
                grpc:
                  tls: true
                  preferred_ip_protocol: "ip4"
              grpc_plain:
                prober: grpc
                grpc:
                  tls: false
                  service: "service1"
            """;

    private StockBlackbox() {
    }
}
