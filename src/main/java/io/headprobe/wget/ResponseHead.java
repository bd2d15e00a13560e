package io.headprobe.wget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestResponse;

import io.headprobe.http.Header;

/** What the seed's wget prints: the status line and the header lines of one response. */
public record ResponseHead(int status, String reason, List<Header> headers) {

    static ResponseHead of(RestResponse<?> response) {
        List<Header> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : response.getStringHeaders().entrySet()) {
            for (String value : header.getValue()) {
                headers.add(new Header(header.getKey(), value));
            }
        }
        response.close();
        return new ResponseHead(response.getStatus(), response.getStatusInfo().getReasonPhrase(), List.copyOf(headers));
    }
}
