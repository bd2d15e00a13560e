package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.headprobe.blackbox.grpc.GrpcModule;
import io.headprobe.http.Header;

/** prober: grpc modules as blackbox 0.28 reads them, and what HeadProbe refuses at start-up. */
class GrpcModuleReaderTest {

    @Test
    void defaultsAreBlackboxs() {
        GrpcModule module = BlackboxFile.parse("modules: {g: {prober: grpc}}").grpc().get("g");
        assertEquals("", module.service());
        assertFalse(module.tls());
        assertEquals("ip6", module.preferredIpProtocol());
        assertTrue(module.ipProtocolFallback());
        assertEquals(Duration.ZERO, module.timeout());
        assertEquals(List.of(), module.metadata());
    }

    @Test
    void everyKeyOf028IsRead() {
        GrpcModule module = BlackboxFile.parse("""
                modules:
                  g:
                    prober: grpc
                    timeout: 3s
                    grpc:
                      service: svc
                      tls: true
                      tls_config: {insecure_skip_verify: true, server_name: grpc.example}
                      preferred_ip_protocol: ip4
                      ip_protocol_fallback: false
                      metadata: {authorization: [Bearer x], x-id: [a, b]}
                """).grpc().get("g");
        assertEquals("svc", module.service());
        assertTrue(module.tls());
        assertTrue(module.insecureSkipVerify());
        assertEquals("grpc.example", module.serverName());
        assertEquals("ip4", module.preferredIpProtocol());
        assertFalse(module.ipProtocolFallback());
        assertEquals(Duration.ofSeconds(3), module.timeout());
        assertEquals(List.of(new Header("authorization", "Bearer x"), new Header("x-id", "a"), new Header("x-id", "b")),
                module.metadata());
    }

    @Test
    void whatGrpcGoWouldRefuseOnEveryCallStopsStartUp() {
        assertTrue(error("modules: {g: {prober: grpc, grpc: {metadata: {X-Id: [a]}}}}").contains("key grpc.metadata.X-Id"));
        assertTrue(error("modules: {g: {prober: grpc, grpc: {metadata: {te: [x]}}}}").contains("writes this header itself"));
        assertTrue(error("modules: {g: {prober: grpc, grpc: {metadata: {x-id: a}}}}").contains("must be a list"));
        assertTrue(error("modules: {g: {prober: grpc, grpc: {metadata: {x-id: [\"é\"]}}}}").contains("printable ASCII"));
        assertEquals("blackbox module \"g\": key grpc.tls_config.cert_file is not supported by HeadProbe (it sends no "
                + "client certificate)", error("modules: {g: {prober: grpc, grpc: {tls_config: {cert_file: c.pem}}}}"));
        assertTrue(error("modules: {g: {prober: grpc, grpc: {servce: x}}}").contains("key grpc.servce is unknown"));
    }

    private static String error(String yaml) {
        return assertThrows(BlackboxConfigException.class, () -> BlackboxFile.parse(yaml)).getMessage();
    }
}
