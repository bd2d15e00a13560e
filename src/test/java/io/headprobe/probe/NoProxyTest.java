package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from Go's golang.org/x/net/http/httpproxy tests: which hosts a NO_PROXY list sends directly. */
class NoProxyTest {

    @ParameterizedTest(name = "{0} with no_proxy \"{2}\": direct {3}")
    @CsvSource(delimiter = '|', value = {
            "localhost | 80 | '' | true",
            "127.0.0.1 | 80 | '' | true",
            "::1 | 443 | '' | true",
            "[::1] | 443 | '' | true",
            "example.org | 80 | '' | false",
            "example.org | 80 | '*' | true",
            "example.org | 80 | example.org | true",
            "www.example.org | 80 | example.org | true",
            "notexample.org | 80 | example.org | false",
            "example.org | 80 | .example.org | false",
            "www.example.org | 80 | .example.org | true",
            "www.example.org | 80 | *.example.org | true",
            "example.org | 80 | *.example.org | false",
            "example.org | 8080 | example.org:8080 | true",
            "example.org | 80 | example.org:8080 | false",
            "EXAMPLE.org | 80 | ' Example.ORG ' | true",
            "10.1.2.3 | 80 | 10.0.0.0/8 | true",
            "11.1.2.3 | 80 | 10.0.0.0/8 | false",
            "192.0.2.1 | 80 | 192.0.2.1 | true",
            "192.0.2.1 | 443 | 192.0.2.1:80 | false",
            "2001:db8::1 | 443 | 2001:db8::/32 | true",
            "2001:db8::1 | 443 | [2001:db8::1]:443 | true",
            "2001:db8::1 | 443 | 2001:db8::1 | true",
            "10.1.2.3 | 80 | 10.1.2.3.example | false",
            "192.0.2.1 | 80 | example.org | false",
            "example.org | 80 | 'a.test,,example.org' | true" })
    void matchesAsGoDoes(String host, int port, String list, boolean direct) {
        assertEquals(direct, new NoProxy(list).bypasses(host, port));
    }
}
