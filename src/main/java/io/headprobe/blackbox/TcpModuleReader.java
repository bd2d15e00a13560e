package io.headprobe.blackbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import io.headprobe.blackbox.tcp.QueryStep;
import io.headprobe.blackbox.tcp.TcpModule;
import io.headprobe.probe.CaFile;
import io.netty.util.NetUtil;

/**
 * One {@code prober: tcp} module of blackbox.yml as a {@link TcpModule}, with blackbox's defaults.
 * As for http modules, a key HeadProbe does not honour stops start-up unless it is left empty.
 */
final class TcpModuleReader {

    private static final Set<String> MODULE_KEYS = Set.of("prober", "timeout", "http", "tcp", "icmp", "dns", "grpc");
    private static final Set<String> TCP_KEYS = Set.of("preferred_ip_protocol", "ip_protocol_fallback", "query_response",
            "tls", "tls_config", "source_ip_address");
    private static final Set<String> STEP_KEYS = Set.of("expect", "expect_bytes", "labels", "send", "starttls");
    /** The tls_config keys of the dns and grpc probers; tcp also shows a client certificate. */
    static final Set<String> TLS_KEYS = Set.of("insecure_skip_verify", "server_name", "ca_file");
    private static final Set<String> TCP_TLS_KEYS = Set.of("insecure_skip_verify", "server_name", "ca_file", "cert",
            "cert_file", "key", "key_file");
    /**
     * Keys blackbox has that HeadProbe does not honour, with the reason given (the client certificate
     * keys among them are never consulted: checkKeys finds them in TCP_TLS_KEYS first).
     */
    private static final Map<String, String> UNSUPPORTED = unsupportedTls("tcp", Map.of());

    private TcpModuleReader() {
    }

    static TcpModule read(String name, Map<String, Object> module) {
        checkKeys(name, "", module, MODULE_KEYS, UNSUPPORTED);
        Map<String, Object> tcp = YamlValues.map(name, "tcp", module.get("tcp"));
        checkKeys(name, "tcp.", tcp, TCP_KEYS, UNSUPPORTED);
        Map<String, Object> tls = YamlValues.map(name, "tcp.tls_config", tcp.get("tls_config"));
        checkKeys(name, "tcp.tls_config.", tls, TCP_TLS_KEYS, UNSUPPORTED);
        String serverName = YamlValues.string(name, "tcp.tls_config.server_name", tls.get("server_name"));
        return new TcpModule(name,
                HttpModuleReader.timeout(name, module.get("timeout")),
                ipProtocol(name, "tcp.preferred_ip_protocol", tcp.get("preferred_ip_protocol")),
                YamlValues.bool(name, "tcp.ip_protocol_fallback", tcp.get("ip_protocol_fallback"), true),
                steps(name, tcp.get("query_response")),
                YamlValues.bool(name, "tcp.tls", tcp.get("tls"), false),
                YamlValues.bool(name, "tcp.tls_config.insecure_skip_verify", tls.get("insecure_skip_verify"), false),
                serverName == null || serverName.isEmpty() ? null : serverName,
                caFile(name, "tcp.tls_config.ca_file", tls.get("ca_file")),
                HttpModuleReader.clientCertificate(name, "tcp.tls_config.", tls),
                sourceIpAddress(name, "tcp.source_ip_address", tcp.get("source_ip_address")));
    }

    /**
     * The tls_config keys the tcp, dns and grpc probers do not honour, with the reason given, and
     * the prober's own such keys.
     */
    static Map<String, String> unsupportedTls(String prober, Map<String, String> own) {
        String tls = prober + ".tls_config.";
        Map<String, String> keys = new HashMap<>(own);
        keys.put(tls + "ca", "write the certificates to a file and name it in " + tls + "ca_file");
        for (String key : List.of("cert_file", "key_file", "cert", "key")) {
            keys.put(tls + key, "it sends no client certificate");
        }
        keys.put(tls + "min_version", "the JVM's TLS settings choose the versions");
        keys.put(tls + "max_version", "the JVM's TLS settings choose the versions");
        return Map.copyOf(keys);
    }

    /** @param unsupported keys blackbox has that HeadProbe does not honour, with the reason given */
    static void checkKeys(String name, String prefix, Map<String, Object> map, Set<String> supported,
            Map<String, String> unsupported) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            if (supported.contains(key)) {
                return;
            }
            String reason = unsupported.get(path);
            if (reason == null) {
                throw BlackboxConfigException.unknown(name, path);
            }
            if (!UnsupportedKeys.unused(path, value)) {
                throw BlackboxConfigException.unsupported(name, path, reason);
            }
        });
    }

    private static List<QueryStep> steps(String name, Object value) {
        List<QueryStep> steps = new ArrayList<>();
        List<?> list = YamlValues.list(name, "tcp.query_response", value);
        for (int i = 0; i < list.size(); i++) {
            String key = "tcp.query_response[" + i + "]";
            Map<String, Object> step = YamlValues.map(name, key, list.get(i));
            for (String k : step.keySet()) {
                if (!STEP_KEYS.contains(k)) {
                    throw BlackboxConfigException.unknown(name, key + "." + k);
                }
            }
            Pattern expect = regexp(name, key + ".expect", YamlValues.string(name, key + ".expect", step.get("expect")));
            String bytes = YamlValues.string(name, key + ".expect_bytes", step.get("expect_bytes"));
            List<QueryStep.Label> labels = labels(name, key + ".labels", step.get("labels"));
            if (!labels.isEmpty() && expect == null) {
                // blackbox expands label values from the match: without expect there is none.
                throw BlackboxConfigException.invalid(name, key + ".labels", "needs an expect in the same step");
            }
            // A !!binary send (upstream's PostgreSQL SSLRequest) is bytes, as Go's yaml decodes it into a string.
            Object send = step.get("send");
            boolean binary = send instanceof byte[];
            steps.add(new QueryStep(expect, bytes == null || bytes.isEmpty() ? null : bytes.getBytes(StandardCharsets.UTF_8),
                    labels, binary ? new String((byte[]) send, StandardCharsets.ISO_8859_1) : YamlValues.string(name, key + ".send", send),
                    YamlValues.bool(name, key + ".starttls", step.get("starttls"), false), binary));
        }
        return steps;
    }

    static Pattern regexp(String name, String key, String regexp) {
        if (regexp == null || regexp.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(regexp);
        } catch (PatternSyntaxException e) {
            throw BlackboxConfigException.invalid(name, key,
                    "\"" + regexp + "\" is not a Go regexp: " + e.getDescription() + ": `" + e.getPattern() + "`");
        }
    }

    private static List<QueryStep.Label> labels(String name, String key, Object value) {
        List<QueryStep.Label> labels = new ArrayList<>();
        List<?> list = YamlValues.list(name, key, value);
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> label = YamlValues.map(name, key + "[" + i + "]", list.get(i));
            String labelName = YamlValues.string(name, key + "[" + i + "].name", label.get("name"));
            if (labelName == null || !labelName.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw BlackboxConfigException.invalid(name, key + "[" + i + "].name",
                        "\"" + labelName + "\" is not a Prometheus label name");
            }
            String labelValue = YamlValues.string(name, key + "[" + i + "].value", label.get("value"));
            labels.add(new QueryStep.Label(labelName, labelValue == null ? "" : labelValue));
        }
        return labels;
    }

    static String ipProtocol(String name, String key, Object value) {
        String protocol = YamlValues.string(name, key, value);
        if (protocol == null || protocol.isEmpty()) {
            return "ip6"; // blackbox's default
        }
        if (!protocol.equals("ip4") && !protocol.equals("ip6")) {
            throw BlackboxConfigException.invalid(name, key, "\"" + protocol + "\" is neither ip4 nor ip6");
        }
        return protocol;
    }

    /**
     * An IP address, as Go's net.ParseIP reads it; blackbox finds a bad one at each probe, HeadProbe
     * at start-up. Null when the key is not set.
     */
    static InetAddress sourceIpAddress(String name, String key, Object value) {
        String text = YamlValues.string(name, key, value);
        if (text == null || text.isEmpty()) {
            return null;
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(text);
        if (address == null || text.contains("%")) {
            throw BlackboxConfigException.invalid(name, key, "error parsing source ip address: " + text);
        }
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw BlackboxConfigException.invalid(name, key, "error parsing source ip address: " + text);
        }
    }

    /** Read once, here: a file without a certificate stops start-up (an invalid path is an IllegalArgumentException too). */
    static Optional<CaFile> caFile(String name, String key, Object value) {
        String file = YamlValues.string(name, key, value);
        if (file == null || file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CaFile.read(HttpModuleReader.readableFile(name, key, file)));
        } catch (IllegalArgumentException e) {
            throw BlackboxConfigException.invalid(name, key, e.getMessage());
        }
    }
}
