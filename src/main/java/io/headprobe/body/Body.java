package io.headprobe.body;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** TEMPORARY stand-in until the body package lands: hashes the raw bytes only. */
public final class Body {

    private Body() {
    }

    public record Page(BodyFacts facts) {
    }

    public static Page read(byte[] raw, int length, boolean truncated, String contentEncoding, String contentType, int cap,
            String pageUrl) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(raw, 0, length);
            return new Page(new BodyFacts(length, length, truncated, contentEncoding, HexFormat.of().formatHex(sha.digest()),
                    null, null, null, null, null, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
