package io.headprobe.http;

import io.quarkus.vertx.http.runtime.RouteConstants;

/**
 * The order of HeadProbe's own Vert.x route handlers, in one list, ahead of the application's
 * routes. Quarkus' own first handlers sit at {@code Integer.MIN_VALUE} too, its body handler at
 * {@code MIN_VALUE + 1}, and the HTTP layer's body-size limit at {@code ROUTE_ORDER_UPLOAD_LIMIT}.
 */
public final class RouteOrder {

    /** Only attaches an end handler: sees every request, the refused ones included. */
    public static final int ACCESS_LOG = Integer.MIN_VALUE;

    /** Only attaches a headers-end handler, before anything can answer, so every answer gets the headers. */
    public static final int SECURITY_HEADERS = Integer.MIN_VALUE;

    /** Refuses a declared body over the route's limit (413) or a bad Content-Length (400) before anything reads it. */
    public static final int BODY_LIMIT = Integer.MIN_VALUE + 1;

    /** Rewrites {@code Accept} on /q/metrics before Quarkus' metrics handler reads it. */
    public static final int METRICS_FORMAT = Integer.MIN_VALUE + 2;

    /** Right after the HTTP layer left its limit for a chunked body in the routing context. */
    public static final int CHUNKED_BODY_LIMIT = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1;

    private RouteOrder() {
    }
}
