package io.headprobe.probe;

import java.util.List;

import io.headprobe.guard.TargetUrl;
import io.headprobe.http.Header;

/**
 * The HTTP proxies a probe goes through, as Go's client (and so blackbox) chooses them: https
 * targets through an HTTP CONNECT tunnel, http targets by sending the request itself to the
 * proxy, its target in absolute form.
 *
 * @param forHttp the proxy of http targets; null for none
 * @param forHttps the proxy of https targets; null for none
 * @param noProxy the targets that go directly; null for none (Go's http.ProxyURL, which proxies
 *        even loopback targets), else Go's httpproxy rules, loopback always direct
 * @param connectHeaders sent with every CONNECT (blackbox's proxy_connect_header); credentials
 * @param skipResolve the target's name is not resolved here: the proxy resolves it
 */
public record HttpProxy(Proxy forHttp, Proxy forHttps, NoProxy noProxy, List<Header> connectHeaders,
        boolean skipResolve) {

    /**
     * @param url http://host:port/ of the proxy
     * @param authorization the Proxy-Authorization its URL's user and password make; null for none
     */
    public record Proxy(TargetUrl url, String authorization) {
        /** host:port, as errors and the debug page name it. */
        public String address() {
            return url.hostHeader() + ":" + url.port();
        }

        @Override
        public String toString() {
            return "http://" + (authorization == null ? "" : "<secret>@") + address();
        }
    }

    /**
     * The proxy for a request to {@code url}, or null to connect directly.
     *
     * @param host the host Go's request URL has: the address blackbox resolved for the first hop,
     *        the name otherwise (no_proxy's domains match names only, its CIDRs addresses only)
     */
    public Proxy choose(TargetUrl url, String host) {
        Proxy proxy = url.https() ? forHttps : forHttp;
        if (proxy == null || noProxy != null && noProxy.bypasses(host, url.port())) {
            return null;
        }
        return proxy;
    }

    @Override
    public String toString() {
        return "HttpProxy[forHttp=" + forHttp + ", forHttps=" + forHttps + ", noProxy=" + noProxy
                + ", connectHeaders=" + connectHeaders.stream().map(header -> header.name() + ": <secret>").toList()
                + ", skipResolve=" + skipResolve + "]";
    }
}
