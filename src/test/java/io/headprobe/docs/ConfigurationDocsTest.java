package io.headprobe.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * docs/configuration.md against the code: every key HeadProbe reads has a row, every headprobe.*
 * row names a key that exists, and a row whose default is one literal value has the code's default.
 * The keys come from every @ConfigMapping interface under src/main/java (by reflection), every
 * headprobe.* @ConfigProperty, and the headprobe.* keys set in application.properties.
 */
class ConfigurationDocsTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile(
            "@ConfigProperty\\(name = \"(headprobe\\.[^\"]+)\"(?:, defaultValue = \"([^\"]*)\")?");
    private static final Pattern PROPERTY = Pattern.compile("^(?:%[\\w-]+\\.)?(headprobe\\.[a-z0-9.-]+)=", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+`) \\| ([^|]*) \\|", Pattern.MULTILINE);
    private static final Pattern KEY = Pattern.compile("`([a-z0-9.\"-]+)`");
    private static final Pattern LITERAL = Pattern.compile("`([^`]*)`");

    @Test
    void everyKeyHasARowAndEveryRowAKey() throws Exception {
        Map<String, String> code = keysOfTheCode();
        Map<String, String> documented = documentedKeys();
        TreeSet<String> undocumented = new TreeSet<>(code.keySet());
        undocumented.removeAll(documented.keySet());
        assertTrue(undocumented.isEmpty(), "keys without a row in docs/configuration.md: " + undocumented);
        TreeSet<String> gone = documented.keySet().stream().filter(key -> key.startsWith("headprobe."))
                .filter(key -> !code.containsKey(key)).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(gone.isEmpty(), "rows of docs/configuration.md for keys the code does not read: " + gone);
    }

    @Test
    void literalDefaultsAreTheCodesDefaults() throws Exception {
        Map<String, String> code = keysOfTheCode();
        documentedKeys().forEach((key, cell) -> {
            Matcher literal = LITERAL.matcher(cell.strip());
            if (literal.matches() && code.get(key) != null) {
                assertEquals(code.get(key), literal.group(1), "default of " + key + " in docs/configuration.md");
            }
        });
    }

    @Test
    void findsTheKeysOfAMapping() throws Exception {
        Map<String, String> code = keysOfTheCode();
        assertTrue(code.containsKey("headprobe.probe.connect-attempt-timeout"), code.keySet().toString());
        assertEquals("2S", code.get("headprobe.probe.connect-attempt-timeout"));
        assertTrue(code.containsKey("headprobe.auth.api-keys"), "a @ConfigProperty");
        assertTrue(code.containsKey("headprobe.scan.max-in-flight"), "a key without a default");
        assertFalse(code.containsKey("headprobe.probe.max-target-length-x"));
    }

    /** Key to default (null when the code has none). */
    static Map<String, String> keysOfTheCode() throws IOException, ClassNotFoundException {
        Map<String, String> keys = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (source.contains("@ConfigMapping")) {
                    String name = SOURCES.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
                    Class<?> mapping = Class.forName(name);
                    walk(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
                }
                Matcher property = CONFIG_PROPERTY.matcher(source);
                while (property.find()) {
                    keys.putIfAbsent(property.group(1), property.group(2));
                }
            }
        }
        Matcher property = PROPERTY.matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        while (property.find()) {
            keys.putIfAbsent(property.group(1), null);
        }
        return keys;
    }

    private static void walk(String prefix, Class<?> mapping, Map<String, String> keys) {
        for (Method method : mapping.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String key = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith("io.headprobe.")) {
                walk(key, type, keys);
                continue;
            }
            WithDefault value = method.getAnnotation(WithDefault.class);
            keys.put(key, value == null ? null : value.value());
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Key to its default cell, from the table rows of docs/configuration.md. */
    private static Map<String, String> documentedKeys() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("docs/configuration.md")));
        while (row.find()) {
            Matcher key = KEY.matcher(row.group(1));
            while (key.find()) {
                keys.put(key.group(1), row.group(2));
            }
        }
        assertFalse(keys.isEmpty(), "docs/configuration.md has no table rows");
        return keys;
    }
}
