package io.headprobe.scan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.headprobe.problem.ProblemException;

/**
 * The ?after= cursor of GET /scans/{id}/results: opaque to clients, it names the scan so that a
 * cursor of another scan is refused rather than silently skipping results.
 */
final class Cursor {

    private Cursor() {
    }

    static String of(String scanId, long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((scanId + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position after which to resume; 0 (from the start) when there is no cursor. */
    static long position(String scanId, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8).split(":");
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "'after' is not a cursor of this API");
        }
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,18}")) {
            throw new ProblemException(400, "'after' is not a cursor of this API");
        }
        if (!parts[0].equals(scanId)) {
            throw new ProblemException(400, "'after' is a cursor of another scan");
        }
        return Long.parseLong(parts[1]);
    }
}
