package io.headprobe.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetUrlTest {

    @ParameterizedTest
    @CsvSource({
            "example.org, https://example.org/",
            "EXAMPLE.org:8443/a?b=c, https://example.org:8443/a?b=c",
            "http://example.org:80/x, http://example.org/x",
            "HTTPS://example.org:443, https://example.org/",
            "http://2130706433/, http://127.0.0.1/",
            "http://0x7f000001:8080/, http://127.0.0.1:8080/",
            "http://[::1]:8080/p, http://[0:0:0:0:0:0:0:1]:8080/p",
            "http://example.org/#frag, http://example.org/" })
    void normalisesTargets(String target, String url) {
        assertEquals(url, TargetUrl.parse(target).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "ftp://example.org/", "file:///etc/passwd", "gopher://x/", "http://", "http://user:pw@example.org/",
            "http://exa mple.org/", "http://example.org:0/", "http://example.org:65536/", "http://example.org:x/",
            "http://256.1.1.1/", "http://-bad-.org/", "http://[fe80::1%25eth0]/", "javascript:alert(1)" })
    void refusesWhatCannotBeProbed(String target) {
        assertThrows(TargetUrl.InvalidTargetException.class, () -> TargetUrl.parse(target));
    }

    @ParameterizedTest
    @CsvSource({ "http://example.org:80/, example.org", "https://example.org:443/, example.org",
            "https://example.org:80/, example.org:80", "http://example.org:443/, example.org:443",
            "example.org:8443, example.org:8443", "'http://[::1]:8080/', '[0:0:0:0:0:0:0:1]:8080'" })
    void theAuthorityCarriesANonDefaultPort(String target, String authority) {
        assertEquals(authority, TargetUrl.parse(target).authority());
    }

    @Test
    void followsRelativeAndAbsoluteRedirects() {
        TargetUrl start = TargetUrl.parse("http://example.org/a/b");
        assertEquals("http://example.org/a/c", start.follow("c").toString());
        assertEquals("http://example.org/d", start.follow("/d").toString());
        assertEquals("https://other.example/", start.follow("https://other.example").toString());
        assertEquals("http://127.0.0.1/", start.follow("http://2130706433/").toString());
        assertThrows(TargetUrl.InvalidTargetException.class, () -> start.follow("ftp://example.org/"));
    }
}
