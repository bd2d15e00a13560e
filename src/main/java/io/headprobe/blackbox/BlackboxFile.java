package io.headprobe.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What HeadProbe takes from a blackbox.yml: its {@code prober: http} modules, and the names of the
 * modules of other probers, which it leaves out (HeadProbe fetches HTTP response heads, nothing else).
 *
 * @param modules by name, in the file's order
 * @param skipped module name to its prober (tcp, icmp, dns, grpc), in the file's order
 */
public record BlackboxFile(Map<String, Module> modules, Map<String, String> skipped) {

    private static final Set<String> OTHER_PROBERS = Set.of("tcp", "icmp", "dns", "grpc");

    public BlackboxFile {
        modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** @throws BlackboxConfigException naming the file and what is wrong in it */
    public static BlackboxFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BlackboxConfigException("cannot read blackbox config " + file + ": " + e, e);
        }
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
        Map<String, String> skipped = new LinkedHashMap<>();
        YamlValues.map("", "modules", modulesValue).forEach((name, value) -> {
            if (!(value instanceof Map)) {
                throw new BlackboxConfigException("blackbox module \"" + name
                        + "\" must be a map of keys such as prober and http, not " + YamlValues.kind(value));
            }
            Map<String, Object> module = YamlValues.map(name, "", value);
            String prober = YamlValues.string(name, "prober", module.get("prober"));
            if ("http".equals(prober)) {
                modules.put(name, HttpModuleReader.read(name, module));
            } else if (prober != null && OTHER_PROBERS.contains(prober)) {
                skipped.put(name, prober);
            } else {
                throw BlackboxConfigException.invalid(name, "prober", (prober == null || prober.isEmpty() ? "missing"
                        : "\"" + prober + "\" is not a blackbox prober") + " (http, tcp, icmp, dns or grpc)");
            }
        });
        return new BlackboxFile(modules, skipped);
    }
}
