package io.headprobe.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.headprobe.blackbox.dns.DnsModule;
import io.headprobe.blackbox.grpc.GrpcModule;
import io.headprobe.blackbox.tcp.TcpModule;

/**
 * What HeadProbe takes from a blackbox.yml: its {@code prober: http}, {@code prober: tcp},
 * {@code prober: dns} and {@code prober: grpc} modules, and the modules of the probers HeadProbe does not run, with the reason, which a scrape
 * naming them is answered with.
 *
 * @param modules the http modules by name, in the file's order
 * @param tcp the tcp modules by name, in the file's order
 * @param dns the dns modules by name, in the file's order
 * @param grpc the grpc modules by name, in the file's order
 * @param refused module name to why HeadProbe does not run it, in the file's order
 */
public record BlackboxFile(Map<String, Module> modules, Map<String, TcpModule> tcp, Map<String, DnsModule> dns,
        Map<String, GrpcModule> grpc, Map<String, String> refused) {

    /** The probers blackbox has that HeadProbe does not run, and why. */
    static final Map<String, String> REFUSED_PROBERS = Map.of(
            "icmp", "HeadProbe cannot send ICMP echo requests: Java has no ICMP socket, and raw or ping sockets "
                    + "need native code and a privilege (CAP_NET_RAW or net.ipv4.ping_group_range) its image does not have",
            "unix", "HeadProbe probes network targets, not Unix sockets",
            "websocket", "HeadProbe has no websocket prober");

    public BlackboxFile {
        modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
        tcp = Collections.unmodifiableMap(new LinkedHashMap<>(tcp));
        dns = Collections.unmodifiableMap(new LinkedHashMap<>(dns));
        grpc = Collections.unmodifiableMap(new LinkedHashMap<>(grpc));
        refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }

    /** A file without dns and grpc modules. */
    public BlackboxFile(Map<String, Module> modules, Map<String, TcpModule> tcp, Map<String, String> refused) {
        this(modules, tcp, Map.of(), Map.of(), refused);
    }

    /** @throws BlackboxConfigException naming the file and what is wrong in it */
    public static BlackboxFile read(Path file) {
        return parse(file, text(file));
    }

    /** @throws BlackboxConfigException when the file cannot be read */
    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BlackboxConfigException("cannot read blackbox config " + file + ": " + e, e);
        }
    }

    /** {@link #parse(String)}, with the file's name in the error. */
    static BlackboxFile parse(Path file, String text) {
        try {
            return parse(text);
        } catch (BlackboxConfigException e) {
            throw new BlackboxConfigException(file + ": " + e.getMessage(), e);
        }
    }

    /** @throws BlackboxConfigException for text that is not a blackbox.yml HeadProbe can honour */
    public static BlackboxFile parse(String yaml) {
        Object root = BlackboxYaml.load(yaml);
        if (root == null) {
            throw new BlackboxConfigException("blackbox config is empty (it needs a \"modules\" map)");
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new BlackboxConfigException(
                    "blackbox config must be a map with a \"modules\" key, not " + YamlValues.kind(root));
        }
        for (Object key : top.keySet()) {
            if (!"modules".equals(key)) {
                throw new BlackboxConfigException(
                        "blackbox config: key " + key + " is unknown (blackbox.yml has only \"modules\")");
            }
        }
        Object modulesValue = top.get("modules");
        if (modulesValue != null && !(modulesValue instanceof Map)) {
            throw new BlackboxConfigException("blackbox config: \"modules\" must be a map of module names, not "
                    + YamlValues.kind(modulesValue));
        }
        Map<String, Module> modules = new LinkedHashMap<>();
        Map<String, TcpModule> tcp = new LinkedHashMap<>();
        Map<String, DnsModule> dns = new LinkedHashMap<>();
        Map<String, GrpcModule> grpc = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        YamlValues.map("", "modules", modulesValue).forEach((name, value) -> {
            if (!(value instanceof Map)) {
                throw new BlackboxConfigException("blackbox module \"" + name
                        + "\" must be a map of keys such as prober and http, not " + YamlValues.kind(value));
            }
            Map<String, Object> module = YamlValues.map(name, "", value);
            String prober = YamlValues.string(name, "prober", module.get("prober"));
            if ("http".equals(prober)) {
                modules.put(name, HttpModuleReader.read(name, module));
            } else if ("tcp".equals(prober)) {
                tcp.put(name, TcpModuleReader.read(name, module));
            } else if ("dns".equals(prober)) {
                dns.put(name, DnsModuleReader.read(name, module));
            } else if ("grpc".equals(prober)) {
                grpc.put(name, GrpcModuleReader.read(name, module));
            } else if (prober != null && REFUSED_PROBERS.containsKey(prober)) {
                refused.put(name, "prober " + prober + ": " + REFUSED_PROBERS.get(prober));
            } else {
                throw BlackboxConfigException.invalid(name, "prober", (prober == null || prober.isEmpty() ? "missing"
                        : "\"" + prober + "\" is not a blackbox prober") + " (http, tcp, icmp, dns or grpc)");
            }
        });
        return new BlackboxFile(modules, tcp, dns, grpc, refused);
    }
}
