package io.headprobe.body;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the body of the final response showed, when it was read. {@code bytes}: decoded bytes, the ones
 * hashed and counted; {@code wireBytes}: bytes received before decoding; {@code truncated}: the body went on
 * past the cap or the timeout; {@code encoding}: the content coding undone, null for identity;
 * {@code mmh3}: httpx's {@code -hash mmh3}; {@code title}: HTML only, as a browser shows it; {@code words}
 * and {@code lines}: httpx's counts; {@code error}: why decoding stopped early; {@code favicon}: null
 * unless asked for.
 */
@RegisterForReflection
public record BodyFacts(
        long bytes,
        long wireBytes,
        boolean truncated,
        String encoding,
        String sha256,
        String mmh3,
        String title,
        int words,
        int lines,
        String error,
        Favicon favicon) {

    /**
     * The icon as fetched: {@code mmh3} is Shodan's {@code http.favicon.hash} (and httpx's {@code -favicon}),
     * {@code md5} httpx's favicon md5; {@code error} says why there is no hash.
     */
    @RegisterForReflection
    public record Favicon(String url, Integer status, Long bytes, String mmh3, String md5, String error) {
    }

    public BodyFacts withFavicon(Favicon icon) {
        return new BodyFacts(bytes, wireBytes, truncated, encoding, sha256, mmh3, title, words, lines, error, icon);
    }
}
