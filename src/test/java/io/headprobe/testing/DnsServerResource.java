package io.headprobe.testing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.netty.handler.codec.dns.DnsResponseCode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link DnsServer} before the application and points headprobe.dns.server at it, so the
 * port stays random. The answers are the resource's arguments: a name to comma-separated addresses,
 * e.g. {@code new TestResourceEntry(DnsServerResource.class, Map.of("a.test", "127.0.0.1,::1"))}; a name
 * given {@code SERVFAIL} instead of addresses gets that answer.
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
        List<String> failing = answers.keySet().stream().filter(name -> answers.get(name).equals(List.of("SERVFAIL"))).toList();
        Map<String, List<String>> table = new HashMap<>(answers);
        failing.forEach(name -> table.put(name, List.of()));
        server = new DnsServer(table);
        failing.forEach(name -> server.failWith(name, DnsResponseCode.SERVFAIL));
        return Map.of("headprobe.dns.server", server.address());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
