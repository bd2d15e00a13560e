package io.headprobe.audit;

import java.util.ArrayList;
import java.util.List;

import io.headprobe.http.Header;

/** Responses shaped like Observatory's test helper emptyRequests(): https://mozilla.org/ serving text/html. */
final class TestResponses {

    static final String URL = "https://mozilla.org/";

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
}
