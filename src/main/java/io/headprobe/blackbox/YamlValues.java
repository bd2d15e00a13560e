package io.headprobe.blackbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one key of a module, as Go's yaml.v3 would decode it into blackbox's struct field.
 * Values come as strings (see {@link BlackboxYaml}); an explicit tag ({@code !!int 200}) gives a
 * Number or Boolean, accepted as well. A wrong type is an error naming module and key.
 */
final class YamlValues {

    private YamlValues() {
    }

    /** null when the key is absent or empty. */
    static String string(String module, String key, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw BlackboxConfigException.invalid(module, key, "must be a single value, not " + kind(value));
    }

    static boolean bool(String module, String key, Object value, boolean absent) {
        if (value == null) {
            return absent;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = string(module, key, value);
        // yaml.v3 takes YAML 1.2's true/false and, into a bool field, YAML 1.1's yes/no/on/off.
        switch (text) {
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y":
                return true;
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N":
                return false;
            default:
                throw BlackboxConfigException.invalid(module, key, "\"" + text + "\" is not true or false");
        }
    }

    static int integer(String module, String key, Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        String text = string(module, key, value);
        try {
            return Integer.parseInt(text == null ? "" : text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw BlackboxConfigException.invalid(module, key, "\"" + text + "\" is not a whole number");
        }
    }

    /** Empty when the key is absent or empty. */
    static List<?> list(String module, String key, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw BlackboxConfigException.invalid(module, key, "must be a list, not " + kind(value));
    }

    /** Empty when the key is absent or empty; keys as strings, in the file's order. */
    static Map<String, Object> map(String module, String key, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        throw BlackboxConfigException.invalid(module, key, "must be a map, not " + kind(value));
    }

    static String kind(Object value) {
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "\"" + value + "\"";
    }
}
