package io.headprobe.audit;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.headprobe.http.Header;

/** Responses shaped like Observatory's test helper emptyRequests(): https://mozilla.org/ serving text/html. */
final class TestResponses {

    static final String URL = "https://mozilla.org/";

    /** A small list in Chromium's format with the entries Observatory's preload tests rely on. */
    static final Path PRELOAD_FILE = resource("/hsts/transport_security_state_static.json");
    static final HstsPreload PRELOAD = HstsPreload.read(PRELOAD_FILE);

    private TestResponses() {
    }

    /** The base response plus one {@code name} header line per value; a null value adds no line. */
    static AuditedResponse with(String name, String... values) {
        List<Header> headers = new ArrayList<>(List.of(new Header("Content-Type", "text/html")));
        for (String value : values) {
            if (value != null) {
                headers.add(new Header(name, value));
            }
        }
        return new AuditedResponse(URL, headers);
    }

    static Path resource(String name) {
        try {
            return Path.of(TestResponses.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
