package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.headprobe.blackbox.grpc.GrpcModule;
import io.headprobe.blackbox.tcp.TcpModule;
import io.headprobe.testing.ExternalProcess;
import io.headprobe.testing.StockBlackbox;

/**
 * Debian's stock /etc/prometheus/blackbox.yml, as installed: the whole file loads; its http, tcp
 * and grpc modules run, its icmp modules are refused with their reason (not a start-up failure).
 */
class StockBlackboxFileTest {

    @Test
    void theStockFilesTcpAndGrpcModulesLoadAndItsIcmpModulesAreRefused() throws IOException {
        ExternalProcess.requireFile(StockBlackbox.FILE, "prometheus-blackbox-exporter");
        BlackboxFile file = BlackboxFile.parse(withoutHttpModules(Files.readString(StockBlackbox.FILE, StandardCharsets.UTF_8)));

        assertEquals(List.of("tcp_connect", "pop3s_banner", "ssh_banner", "irc_banner"), List.copyOf(file.tcp().keySet()));
        TcpModule pop3s = file.tcp().get("pop3s_banner");
        assertTrue(pop3s.tls());
        assertFalse(pop3s.insecureSkipVerify());
        assertEquals(List.of("^SSH-2.0-", ""), file.tcp().get("ssh_banner").queryResponse().stream()
                .map(step -> step.expect() == null ? "" : step.expect().pattern()).toList());
        assertEquals("PONG ${1}", file.tcp().get("irc_banner").queryResponse().get(2).send());

        assertEquals(List.of("grpc", "grpc_plain"), List.copyOf(file.grpc().keySet()));
        GrpcModule grpc = file.grpc().get("grpc");
        assertTrue(grpc.tls());
        assertEquals("ip4", grpc.preferredIpProtocol());
        assertEquals("", grpc.service());
        GrpcModule plain = file.grpc().get("grpc_plain");
        assertFalse(plain.tls());
        assertEquals("service1", plain.service());
        assertEquals("ip6", plain.preferredIpProtocol());

        assertEquals(List.of("icmp", "icmp_ttl5"), List.copyOf(file.refused().keySet()));
        assertTrue(file.refused().get("icmp").startsWith("prober icmp: HeadProbe cannot send ICMP echo requests"));
    }

    @Test
    void theWholeStockFileLoads() throws IOException {
        ExternalProcess.requireFile(StockBlackbox.FILE, "prometheus-blackbox-exporter");
        BlackboxFile file = BlackboxFile.parse(Files.readString(StockBlackbox.FILE, StandardCharsets.UTF_8));
        assertEquals(List.of("http_2xx", "http_post_2xx"), List.copyOf(file.modules().keySet()));
        assertEquals("POST", file.modules().get("http_post_2xx").method());
        assertEquals(4, file.tcp().size());
        assertEquals(2, file.grpc().size());
        assertEquals(2, file.refused().size());
    }

    @SuppressWarnings("unchecked")
    private static String withoutHttpModules(String yaml) {
        Map<String, Object> root = (Map<String, Object>) BlackboxYaml.load(yaml);
        Map<String, Object> modules = (Map<String, Object>) root.get("modules");
        modules.values().removeIf(module -> "http".equals(((Map<String, Object>) module).get("prober")));
        return new Yaml().dump(root);
    }
}
