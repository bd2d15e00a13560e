package io.headprobe.blackbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.headprobe.blackbox.grpc.GrpcModule;
import io.headprobe.http.Header;

/**
 * One {@code prober: grpc} module of blackbox.yml as a {@link GrpcModule}, with blackbox's
 * defaults. Metadata grpc-go would refuse on every call (a name outside [0-9a-z-_.], a value
 * outside printable ASCII) or drop (the headers it writes itself) stops start-up here instead.
 */
final class GrpcModuleReader {

    private static final Set<String> MODULE_KEYS = Set.of("prober", "timeout", "http", "tcp", "icmp", "dns", "grpc");
    private static final Set<String> GRPC_KEYS = Set.of("service", "tls", "tls_config", "preferred_ip_protocol",
            "ip_protocol_fallback", "metadata");
    private static final Map<String, String> UNSUPPORTED = TcpModuleReader.unsupportedTls("grpc", Map.of());
    /** The headers grpc-go writes itself and drops from a call's metadata (isReservedHeader). */
    private static final Set<String> RESERVED = Set.of("content-type", "user-agent", "grpc-message-type", "grpc-encoding",
            "grpc-message", "grpc-status", "grpc-timeout", "grpc-status-details-bin", "te");

    private GrpcModuleReader() {
    }

    static GrpcModule read(String name, Map<String, Object> module) {
        TcpModuleReader.checkKeys(name, "", module, MODULE_KEYS, UNSUPPORTED);
        Map<String, Object> grpc = YamlValues.map(name, "grpc", module.get("grpc"));
        TcpModuleReader.checkKeys(name, "grpc.", grpc, GRPC_KEYS, UNSUPPORTED);
        Map<String, Object> tls = YamlValues.map(name, "grpc.tls_config", grpc.get("tls_config"));
        TcpModuleReader.checkKeys(name, "grpc.tls_config.", tls, TcpModuleReader.TLS_KEYS, UNSUPPORTED);
        String service = YamlValues.string(name, "grpc.service", grpc.get("service"));
        String serverName = YamlValues.string(name, "grpc.tls_config.server_name", tls.get("server_name"));
        return new GrpcModule(name,
                HttpModuleReader.timeout(name, module.get("timeout")),
                service == null ? "" : service,
                YamlValues.bool(name, "grpc.tls", grpc.get("tls"), false),
                YamlValues.bool(name, "grpc.tls_config.insecure_skip_verify", tls.get("insecure_skip_verify"), false),
                serverName == null || serverName.isEmpty() ? null : serverName,
                TcpModuleReader.caFile(name, "grpc.tls_config.ca_file", tls.get("ca_file")),
                TcpModuleReader.ipProtocol(name, "grpc.preferred_ip_protocol", grpc.get("preferred_ip_protocol")),
                YamlValues.bool(name, "grpc.ip_protocol_fallback", grpc.get("ip_protocol_fallback"), true),
                metadata(name, grpc.get("metadata")));
    }

    /** blackbox's metadata.MD: a map of names to lists of values, sent in the file's order. */
    private static List<Header> metadata(String name, Object value) {
        List<Header> headers = new ArrayList<>();
        YamlValues.map(name, "grpc.metadata", value).forEach((key, values) -> {
            String path = "grpc.metadata." + key;
            if (!key.matches("[0-9a-z._-]+")) {
                throw BlackboxConfigException.invalid(name, path,
                        "grpc-go refuses a metadata name with characters not in [0-9a-z-_.] (every call would fail)");
            }
            if (RESERVED.contains(key)) {
                throw BlackboxConfigException.invalid(name, path, "grpc-go writes this header itself and drops the module's");
            }
            List<?> list = YamlValues.list(name, path, values);
            for (int i = 0; i < list.size(); i++) {
                String text = Objects.requireNonNullElse(YamlValues.string(name, path + "[" + i + "]", list.get(i)), "");
                if (!key.endsWith("-bin") && !text.matches("[\\x20-\\x7E]*")) {
                    throw BlackboxConfigException.invalid(name, path + "[" + i + "]",
                            "grpc-go refuses a value outside printable ASCII unless the name ends in -bin (every call would fail)");
                }
                headers.add(new Header(key, text));
            }
        });
        return headers;
    }
}
