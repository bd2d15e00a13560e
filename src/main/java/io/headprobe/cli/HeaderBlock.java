package io.headprobe.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.headprobe.http.Header;

/**
 * A saved header block, as {@code curl -sD FILE -o /dev/null URL} writes it: an optional status
 * line, then "Name: value" lines. curl writes one block per response when it follows redirects;
 * the last one is the page's.
 */
final class HeaderBlock {

    private HeaderBlock() {
    }

    /** The headers of the last block; an IllegalArgumentException names the first line that is not a header. */
    static List<Header> read(BufferedReader in) throws IOException {
        List<Header> headers = new ArrayList<>();
        String line;
        int number = 0;
        boolean blockEnded = false;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                blockEnded = !headers.isEmpty();
                continue;
            }
            if (line.startsWith("HTTP/") || blockEnded) {
                // A new response begins: only the last one counts.
                headers.clear();
                blockEnded = false;
                if (line.startsWith("HTTP/")) {
                    continue;
                }
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                // obsolete line folding (RFC 9112, 5.2): a continuation of the previous value
                Header last = headers.remove(headers.size() - 1);
                headers.add(new Header(last.name(), last.value() + " " + line.strip()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + number + " is not a header ('Name: value'): " + line);
            }
            headers.add(new Header(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("no headers found");
        }
        return headers;
    }
}
