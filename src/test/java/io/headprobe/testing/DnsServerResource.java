package io.headprobe.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link DnsServer} before the application and points headprobe.dns.server at it, so the
 * port stays random. The answers are the resource's arguments: a name to comma-separated addresses,
 * e.g. {@code new TestResourceEntry(DnsServerResource.class, Map.of("a.test", "127.0.0.1,::1"))}.
 */
public class DnsServerResource implements QuarkusTestResourceLifecycleManager {

    private Map<String, List<String>> answers = Map.of();
    private DnsServer server;

    @Override
    public void init(Map<String, String> args) {
        answers = args.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> Arrays.stream(entry.getValue().split(",")).map(String::strip).toList()));
    }

    @Override
    public Map<String, String> start() {
        server = new DnsServer(answers);
        return Map.of("headprobe.dns.server", server.address());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
