package io.headprobe.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Chromium's HSTS preload list, from a file in the format of Chromium's
 * {@code net/http/transport_security_state_static.json} ({@code //} comments included), kept as
 * Observatory keeps it (src/retrieve-hsts.js): each entry's name, trimmed and lower-cased, with its
 * {@code mode} and {@code include_subdomains}; a name listed twice keeps its last entry.
 */
public final class HstsPreload {

    /** No list: nothing is preloaded. */
    public static final HstsPreload NONE = new HstsPreload(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);

    private record Entry(boolean includeSubDomains, boolean forceHttps) {
    }

    private final Map<String, Entry> entries;

    private HstsPreload(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** @throws IllegalArgumentException naming the file when it cannot be read or is not such a list */
    public static HstsPreload read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the text is not JSON with an "entries" list of named entries */
    static HstsPreload parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON (with // comments): " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("entries");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("has no \"entries\" list, as Chromium's transport_security_state_static.json has");
        }
        Map<String, Entry> entries = new HashMap<>();
        for (JsonNode entry : list) {
            JsonNode name = entry.get("name");
            if (name == null || !name.isTextual()) {
                throw new IllegalArgumentException("an entry has no \"name\": " + entry);
            }
            entries.put(name.asText().strip().toLowerCase(Locale.ROOT), new Entry(
                    truthy(entry.get("include_subdomains")), "force-https".equals(entry.path("mode").asText(null))));
        }
        return new HstsPreload(Map.copyOf(entries));
    }

    /** How many names the list holds. */
    public int size() {
        return entries.size();
    }

    /**
     * Observatory's isHstsPreloaded: the host itself is listed with mode force-https, or one of
     * its parent domains is, with include_subdomains as well.
     */
    public boolean covers(String host) {
        if (host == null) {
            return false;
        }
        Entry own = entries.get(host);
        if (own != null && own.forceHttps()) {
            return true;
        }
        for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
            Entry parent = entries.get(host.substring(dot + 1));
            if (parent != null && parent.forceHttps() && parent.includeSubDomains()) {
                return true;
            }
        }
        return false;
    }

    /** JavaScript's !!value for a JSON value. */
    private static boolean truthy(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asDouble() != 0;
        }
        return !value.isTextual() || !value.asText().isEmpty();
    }
}
