package io.headprobe.http;

import java.util.List;

/**
 * One header line as it came off the wire (or as a client gave it): name in its own case, value
 * as sent. Shared by the probe, the audit and the seed's wget, so that none of them imports another.
 */
public record Header(String name, String value) {

    /** The value of the first header called {@code name}, in any case, or null. */
    public static String first(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst()
                .orElse(null);
    }

    /** Every value of the headers called {@code name}, in any case, in wire order. */
    public static List<String> all(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }
}
