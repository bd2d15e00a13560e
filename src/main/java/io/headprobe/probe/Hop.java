package io.headprobe.probe;

import java.util.List;

import io.headprobe.http.Header;

/** The response head of one request, as it came off the wire. */
record Hop(int status, String httpVersion, List<Header> headers, String remoteAddress, double headersMs) {

    boolean isRedirect() {
        return isRedirect(status);
    }

    static boolean isRedirect(int status) {
        return switch (status) {
            case 301, 302, 303, 307, 308 -> true;
            default -> false;
        };
    }
}
