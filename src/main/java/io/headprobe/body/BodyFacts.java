package io.headprobe.body;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What HeadProbe learnt from the body of a final response it was asked to read (never the bytes
 * themselves: a result holds no body, so results stream without holding pages).
 */
@RegisterForReflection
public record BodyFacts(long bytes, long wireBytes, boolean truncated, String encoding, String sha256, String mmh3,
        String title, Integer words, Integer lines, String error, Favicon favicon) {

    /** The site's icon, fetched and hashed as Shodan and httpx hash it. */
    @RegisterForReflection
    public record Favicon(String url, Integer status, Long bytes, String mmh3, String md5, String error) {
    }
}
