package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.guard.TargetUrl;
import io.headprobe.probe.HttpProxy;

/** The proxy keys as prometheus/common reads and checks them, proxy_from_environment as Go's httpproxy. */
class ProxyKeysTest {

    @Test
    void proxyUrlAloneProxiesEveryTargetLoopbackToo() {
        HttpProxy proxy = proxy("{proxy_url: 'http://squid.example:3128'}", Map.of());
        assertEquals("squid.example:3128", proxy.choose(url("https://127.0.0.1/"), "127.0.0.1").address());
        assertEquals("squid.example:3128", proxy.choose(url("http://example.org/"), "example.org").address());
        assertFalse(proxy.skipResolve());
    }

    @Test
    void noProxyUsesGoRulesAndLoopbackAlwaysGoesDirectly() {
        HttpProxy proxy = proxy("{proxy_url: 'http://squid.example', no_proxy: 'internal.example, 10.0.0.0/8'}", Map.of());
        assertNull(proxy.choose(url("http://127.0.0.1/"), "127.0.0.1"));
        assertNull(proxy.choose(url("http://a.internal.example/"), "a.internal.example"));
        assertNull(proxy.choose(url("http://10.1.2.3/"), "10.1.2.3"));
        assertEquals("squid.example:80", proxy.choose(url("http://example.org/"), "example.org").address(),
                "without a port the proxy's is 80, as Go's");
    }

    @Test
    void theEnvironmentIsReadAsGoReadsIt() {
        HttpProxy proxy = proxy("{proxy_from_environment: true, proxy_connect_header: {X-Team: [probes]}}",
                Map.of("http_proxy", "plain.example:3128", "HTTPS_PROXY", "http://user:pw@tls.example:8080",
                        "https_proxy", "http://ignored.example", "NO_PROXY", ".corp.example"));
        assertEquals("plain.example:3128", proxy.forHttp().address(), "no scheme is http://");
        assertEquals("tls.example:8080", proxy.forHttps().address(), "the upper-case name wins");
        assertEquals("Basic dXNlcjpwdw==", proxy.forHttps().authorization());
        assertNull(proxy.choose(url("https://a.corp.example/"), "a.corp.example"));
        assertEquals("X-Team", proxy.connectHeaders().get(0).name());
        assertFalse(proxy.toString().contains("pw"), proxy.toString());
        assertFalse(proxy.toString().contains("probes"), proxy.toString());
    }

    @Test
    void anEmptyEnvironmentConnectsDirectly() {
        HttpProxy proxy = proxy("{proxy_from_environment: true, skip_resolve_phase_with_proxy: true}", Map.of());
        assertNull(proxy.choose(url("https://example.org/"), "example.org"));
        assertTrue(proxy.skipResolve());
    }

    @Test
    void noProxyKeyMeansNoProxy() {
        assertNull(proxy("{skip_resolve_phase_with_proxy: true}", Map.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{proxy_connect_header: {A: [b]}} | http.proxy_connect_header | if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured",
            "{proxy_from_environment: true, proxy_url: 'http://p'} | http.proxy_from_environment | if proxy_from_environment is configured, proxy_url must not be configured",
            "{proxy_from_environment: true, no_proxy: a} | http.proxy_from_environment | if proxy_from_environment is configured, no_proxy must not be configured",
            "{no_proxy: a} | http.no_proxy | if no_proxy is configured, proxy_url must also be configured",
            "{proxy_url: 'http://u:secret-pw@'} | http.proxy_url | not a proxy URL (write it as http://host:port)" })
    void prometheusCommonsChecksStopStartUp(String http, String key, String problem) {
        String message = assertThrows(BlackboxConfigException.class, () -> proxy(http, Map.of())).getMessage();
        assertEquals("blackbox module \"m\": key " + key + ": " + problem, message);
        assertFalse(message.contains("secret-pw"));
    }

    @Test
    void anEnvironmentProxyHeadProbeCannotUseStopsStartUp() {
        String message = assertThrows(BlackboxConfigException.class,
                () -> proxy("{proxy_from_environment: true}", Map.of("HTTPS_PROXY", "socks5://127.0.0.1:1080"))).getMessage();
        assertEquals("blackbox module \"m\": key http.proxy_from_environment (HTTPS_PROXY) is not supported by HeadProbe "
                + "(it speaks to HTTP proxies only (http://), not socks5://)", message);
    }

    @SuppressWarnings("unchecked")
    private static HttpProxy proxy(String http, Map<String, String> environment) {
        Map<String, Object> file = (Map<String, Object>) BlackboxYaml.load("modules: {m: {prober: http, http: " + http + "}}");
        Map<String, Object> module = (Map<String, Object>) ((Map<String, Object>) file.get("modules")).get("m");
        return HttpModuleReader.read("m", module, environment).extras().proxy();
    }

    private static TargetUrl url(String url) {
        return TargetUrl.parse(url);
    }
}
