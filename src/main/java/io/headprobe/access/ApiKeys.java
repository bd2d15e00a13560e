package io.headprobe.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;


/**
 * The configured API keys, kept only as SHA-256 digests. A presented key is compared with every
 * configured one in constant time, so neither timing nor logs give a key away.
 */
@ApplicationScoped
public class ApiKeys {

    @ConfigProperty(name = "headprobe.auth.api-keys")
    Optional<List<String>> keys;

    @ConfigProperty(name = "headprobe.auth.api-keys-file")
    Optional<Path> keysFile;

    private final List<byte[]> digests = new ArrayList<>();

    @PostConstruct
    void load() {
        keys.ifPresent(list -> list.forEach(this::add));
        keysFile.ifPresent(file -> {
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(this::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read headprobe.auth.api-keys-file " + file, e);
            }
        });
    }

    private void add(String key) {
        if (!key.isBlank()) {
            digests.add(sha256(key.strip()));
        }
    }

    /** Whether any key is configured; without keys every route is open. */
    public boolean required() {
        return !digests.isEmpty();
    }

    /**
     * Who a valid key belongs to, as "key:" and the first 12 hex digits of its SHA-256: safe to log
     * and to count limits by. Empty when the key is not one of ours.
     */
    public Optional<String> identify(String presented) {
        byte[] digest = sha256(presented);
        boolean known = false;
        for (byte[] candidate : digests) {
            known |= MessageDigest.isEqual(candidate, digest);
        }
        return known ? Optional.of("key:" + HexFormat.of().formatHex(digest, 0, 6)) : Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
