package io.headprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's testssl.sh (3.0.x) run against a loopback port, its findings read from its JSON file:
 * the oracle a TLS scan is compared with. testssl checks its OpenSSL's abilities with
 * {@code s_client -connect invalid.}, a DNS query whatever {@code --nodns} says; so it runs in a
 * mount namespace of its own ({@code unshare -rm}) where /etc/resolv.conf names 127.0.0.1 only, and
 * nothing leaves loopback (strace showed connections to 127.0.0.1 and ::1 only). Missing testssl or
 * unshare, the test is skipped (failed under CI=true).
 */
public final class Testssl {

    public static final Path TESTSSL = Path.of("/usr/bin/testssl");

    /** One run: the findings by id ("TLS1_2", "cert_keySize", "cipher-tls1_2_xc030"...), and its time. */
    public record Findings(Map<String, String> byId, long millis, List<String> command) {

        public String get(String id) {
            return byId.get(id);
        }
    }

    private Testssl() {
    }

    /**
     * @param caFile a PEM root testssl trusts besides its own stores ({@code --add-ca})
     * @param checks testssl's options choosing the checks, e.g. "-p", "-E", "-S"
     */
    public static Findings run(int port, Path caFile, String... checks) {
        ExternalProcess.require(TESTSSL, "testssl.sh");
        try {
            Path dir = Files.createTempDirectory("headprobe-testssl-");
            dir.toFile().deleteOnExit();
            Path resolv = dir.resolve("resolv.conf");
            Files.writeString(resolv, "nameserver 127.0.0.1\n");
            Path json = dir.resolve("findings.json");
            List<String> testssl = new ArrayList<>(List.of(TESTSSL.toString(), "--quiet", "--color", "0",
                    "--warnings", "off", "-n", "none", "--openssl", "/usr/bin/openssl", "--add-ca", caFile.toString(),
                    "--jsonfile-pretty", json.toString()));
            testssl.addAll(List.of(checks));
            testssl.add("127.0.0.1:" + port);
            List<String> command = List.of("unshare", "-rm", "sh", "-c",
                    "mount --bind \"$0\" /etc/resolv.conf && exec \"$@\"", resolv.toString());
            List<String> all = new ArrayList<>(command);
            all.addAll(testssl);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(all).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output.log").toFile()).start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("testssl ran over 300 s: " + Files.readString(dir.resolve("output.log")));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            String output = Files.readString(dir.resolve("output.log"));
            if (output.contains("unshare: ")) {
                String why = "unshare cannot make a mount namespace here (" + output.strip() + ")";
                if ("true".equals(System.getenv("CI"))) {
                    fail(why);
                }
                assumeTrue(false, why + "; skipped");
            }
            if (!Files.exists(json)) {
                fail("testssl wrote no findings: " + output);
            }
            return new Findings(findings(new ObjectMapper().readTree(json.toFile())), millis, testssl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> findings(JsonNode root) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (JsonNode result : root.path("scanResult")) {
            result.fields().forEachRemaining(section -> {
                for (JsonNode finding : section.getValue()) {
                    if (finding.has("id")) {
                        byId.put(finding.get("id").asText(), finding.path("finding").asText());
                    }
                }
            });
        }
        return byId;
    }
}
