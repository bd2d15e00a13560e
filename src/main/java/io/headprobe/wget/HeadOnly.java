package io.headprobe.wget;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.client.ClientResponseContext;

import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientResponseFilter;

import io.vertx.core.http.HttpClientRequest;

/**
 * Ends each exchange once its head is in. /wget prints heads only, and a body is not worth
 * reading, even to throw it away: it can be endless. Closing the REST client's entity stream would
 * drain the body to its end, so the request is reset instead, which drops an HTTP/1.1 connection
 * whose response has not ended (a connection whose response did end goes back to the pool).
 * The entity only streams because the client's return type is {@code InputStream} (a {@code Uni<Response>}
 * is read whole): both are the REST client's behaviour, pinned by WgetResourceTest's endless bodies.
 */
public class HeadOnly implements ResteasyReactiveClientResponseFilter {

    @Override
    public void filter(ResteasyReactiveClientRequestContext request, ClientResponseContext response) {
        HttpClientRequest exchange = request.unwrap(HttpClientRequest.class);
        if (exchange == null) {
            return; // no request was sent (the connection failed): no body either
        }
        exchange.reset();
        try (InputStream body = response.getEntityStream()) {
            response.setEntityStream(InputStream.nullInputStream());
        } catch (IOException e) {
            // closing the stream of a reset exchange only frees what it held
        }
    }
}
