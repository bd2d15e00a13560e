package io.headprobe.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.headprobe.testing.Loopback;
import io.headprobe.testing.OpenSslServer;
import io.headprobe.testing.TestCa;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@code headprobe probe} and {@code headprobe audit}: the packaged artifact (the jar, or the native
 * binary in the native pass) run as a command against loopback servers, its output compared with
 * what the running service answers for the same targets.
 */
@QuarkusIntegrationTest
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "against a running container: the command needs this build's artifact")
class CommandLineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpServer graded;
    private static HttpServer bare;
    private static ServerSocket silent;

    @BeforeAll
    static void startTargets() {
        graded = Loopback.answering(200, Map.of(
                "Content-Security-Policy", List.of("default-src 'none'; frame-ancestors 'none'"),
                "X-Content-Type-Options", List.of("nosniff"),
                "Referrer-Policy", List.of("no-referrer")));
        bare = Loopback.answering(200, Map.of());
        silent = Loopback.silent();
    }

    @AfterAll
    static void stopTargets() throws IOException {
        graded.stop(0);
        bare.stop(0);
        silent.close();
    }

    @Test
    void writesTheServicesResultShapeOneLinePerTarget() throws Exception {
        String target = Loopback.url(graded, "/page?x=1");
        CommandRun run = CommandRun.run("", "probe", "--audit", target);
        assertEquals(0, run.await(), run.stderr());
        List<String> lines = run.remainingLines();
        assertEquals(1, lines.size(), lines::toString);

        JsonNode fromCommand = JSON.readTree(lines.get(0));
        JsonNode fromService = JSON.readTree(given().contentType("application/json")
                .body(Map.of("targets", List.of(target), "audit", true))
                .post("/probe/stream").then().statusCode(200).extract().asString().strip());
        assertEquals(fieldNames(fromService), fieldNames(fromCommand));
        for (String field : List.of("target", "url", "ok", "status", "httpVersion", "remoteAddress", "error", "audit")) {
            assertEquals(fromService.get(field), fromCommand.get(field), field);
        }
        assertEquals(names(fromService.get("headers")), names(fromCommand.get("headers")));
        assertTrue(fromCommand.at("/audit/score").isInt(), "graded: " + fromCommand);
    }

    @Test
    void tlsScanAddsTheScanOfEachHttpsServer() throws Exception {
        try (OpenSslServer server = OpenSslServer.start(TestCa.create().leaf("localhost"), OpenSslServer.Config.TLS13_ONLY)) {
            // s_server -www answers GET only; its certificate is the test's, so --insecure.
            CommandRun run = CommandRun.run("", "probe", "--tls-scan", "--insecure", "--method", "GET",
                    "https://localhost:" + server.port() + "/");
            assertEquals(0, run.await(), run.stderr());
            JsonNode result = JSON.readTree(run.remainingLines().get(0));
            assertEquals("[\"TLSv1.3\"]", result.at("/tlsScan/protocols").toString(), result.toString());
            assertEquals("127.0.0.1:" + server.port(), result.at("/tlsScan/address").asText());
        }
    }

    @Test
    void exitsOneWhenATargetFailsAndStillReportsTheOthers() throws Exception {
        String refused = "http://127.0.0.1:" + Loopback.refusingPort() + "/";
        CommandRun run = CommandRun.run("", "probe", refused, Loopback.url(bare, "/"));
        assertEquals(1, run.await());
        List<JsonNode> results = parse(run.remainingLines());
        assertEquals(2, results.size());
        assertEquals(Set.of("CONNECT_FAILED", "null"), Set.of(results.get(0).at("/error/code").asText("null"),
                results.get(1).at("/error/code").asText("null")));
    }

    @Test
    void readsStandardInputSkippingCommentsAndBlankLines() throws Exception {
        String stdin = "# loopback targets\n\n  " + Loopback.url(bare, "/a") + "  \n\n# done\n" + Loopback.url(graded, "/b") + "\n";
        CommandRun run = CommandRun.run(stdin, "probe");
        assertEquals(0, run.await(), run.stderr());
        Set<String> targets = new HashSet<>();
        parse(run.remainingLines()).forEach(result -> targets.add(result.get("target").asText()));
        assertEquals(Set.of(Loopback.url(bare, "/a"), Loopback.url(graded, "/b")), targets);
    }

    @Test
    void writesCsvWithAHeaderRowToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.csv");
        CommandRun run = CommandRun.run("", "probe", "--csv", "-o", file.toString(), Loopback.url(bare, "/x,y"));
        assertEquals(0, run.await(), run.stderr());
        assertTrue(run.remainingLines().isEmpty(), "results go to the file, not standard output");
        List<String> rows = Files.readAllLines(file);
        assertEquals(2, rows.size(), rows::toString);
        assertTrue(rows.get(0).startsWith("target,url,ok,status,httpVersion,"), rows.get(0));
        assertTrue(rows.get(1).startsWith("\"" + Loopback.url(bare, "/x,y") + "\","), "a comma is quoted: " + rows.get(1));
        assertTrue(rows.get(1).contains(",true,200,HTTP/1.1,127.0.0.1,"), rows.get(1));
    }

    @Test
    void failUnderComparesEachGradeWithTheGivenOne() throws Exception {
        String target = Loopback.url(bare, "/");
        CommandRun strict = CommandRun.run("", "probe", "--fail-under", "c", target);
        assertEquals(1, strict.await(), "an F is below C");
        assertEquals("F", JSON.readTree(strict.remainingLines().get(0)).at("/audit/grade").asText(),
                "--fail-under implies --audit");
        assertEquals(0, CommandRun.run("", "probe", "--fail-under", "F", target).await(), "nothing is below F");
    }

    @Test
    void usageAndInputErrorsAreOneLineAndExitTwo() throws Exception {
        Map<List<String>, String> cases = Map.of(
                List.of("probe", "--bogus", "http://127.0.0.1/"), "Unknown option: '--bogus'",
                List.of("probe", "-l", "/nonexistent/targets.txt"), "cannot read -l /nonexistent/targets.txt: no such file",
                List.of("probe", "--timeout", "soon", "http://127.0.0.1/"), "'soon' is not a duration",
                List.of("probe", "--fail-under", "Z", "http://127.0.0.1/"), "'Z' is not a grade",
                List.of("probe", "--method", "POST", "http://127.0.0.1/"), "'method' must be HEAD or GET",
                List.of("probe", "-H", "X-Bad\u0001: 1", "http://127.0.0.1/"), "is not a valid header name",
                List.of("audit", "--headers", "/nonexistent/headers.txt"), "cannot read --headers",
                // A mistyped command is an error, not a service listening on every interface.
                List.of("prbe", "http://127.0.0.1/"), "unknown command 'prbe'");
        assertUsageErrors(cases);
    }

    @Test
    void pathsJoinEachTargetsOwnPathAndFiltersDecideWhatIsWrittenAndTheExitCode() throws Exception {
        CommandRun paths = CommandRun.run("", "probe", "--path", "/login", "--path", "/admin,/x?y=1", "-mc", "200,3xx",
                Loopback.url(bare, "/app?lang=de"));
        assertEquals(0, paths.await(), paths.stderr());
        Set<String> targets = new HashSet<>();
        parse(paths.remainingLines()).forEach(result -> targets.add(result.get("url").asText()));
        assertEquals(Set.of(Loopback.url(bare, "/app/login?lang=de"), Loopback.url(bare, "/app/admin?lang=de"),
                Loopback.url(bare, "/app/x?lang=de&y=1")), targets);

        CommandRun noCsp = CommandRun.run("", "probe", "--filter-regex", "(?mi)^content-security-policy:",
                Loopback.url(graded, "/"), Loopback.url(bare, "/"));
        assertEquals(0, noCsp.await(), noCsp.stderr());
        List<JsonNode> kept = parse(noCsp.remainingLines());
        assertEquals(List.of(Loopback.url(bare, "/")), kept.stream().map(result -> result.get("target").asText()).toList());

        CommandRun nothing = CommandRun.run("", "probe", "--match-status", "5xx", "--match-regex", "nginx",
                Loopback.url(bare, "/"));
        assertEquals(1, nothing.await(), "a match that selects nothing exits 1, as grep: " + nothing.stderr());
        assertTrue(nothing.remainingLines().isEmpty());
        assertEquals("", nothing.stderr(), "nothing selected is no error");
    }

    @Test
    void theBodyAddsATitleColumnToTheTable() throws Exception {
        // --title: httpx's name for the switch.
        CommandRun run = CommandRun.run("", "probe", "--table", "--title", Loopback.url(bare, "/"));
        assertEquals(0, run.await(), run.stderr());
        List<String> lines = run.remainingLines();
        assertTrue(lines.get(0).matches("TARGET +STATUS HTTP +TIME\\(ms\\) GRADE +TLS-DAYS  TITLE +ERROR"), lines.get(0));
        assertEquals(2, lines.size(), lines::toString);
    }

    @Test
    void theBodyIsReadHashedSearchedAndItsTitleShown(@TempDir Path dir) throws Exception {
        String html = "<html><head><title> Admin &amp; Co </title></head><body>token=abc123</body></html>";
        HttpServer page = Loopback.answering(200, Map.of("Content-Type", List.of("text/html; charset=utf-8")), html);
        try {
            CommandRun jsonl = CommandRun.run("", "probe", "--jsonl", "--body", Loopback.url(page, "/"));
            assertEquals(0, jsonl.await(), jsonl.stderr());
            JsonNode body = JSON.readTree(jsonl.remainingLines().get(0)).get("body");
            assertEquals("Admin & Co", body.get("title").asText());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(html.getBytes(StandardCharsets.UTF_8))), body.get("sha256").asText());

            CommandRun table = CommandRun.run("", "probe", "--table", "--body", Loopback.url(page, "/"));
            assertEquals(0, table.await(), table.stderr());
            assertTrue(table.remainingLines().get(1).contains("Admin & Co"), table.remainingLines().toString());

            // The regexes read the body's text, not only the head.
            CommandRun found = CommandRun.run("", "probe", "--jsonl", "--body", "-mr", "token=abc[0-9]+", Loopback.url(page, "/"));
            assertEquals(0, found.await(), found.stderr());
            assertEquals(1, found.remainingLines().size());
            CommandRun notFound = CommandRun.run("", "probe", "--jsonl", "--body", "-mr", "token=xyz", Loopback.url(page, "/"));
            assertEquals(1, notFound.await(), "nothing selected: " + notFound.stderr());
            assertTrue(notFound.remainingLines().isEmpty());
        } finally {
            page.stop(0);
        }
    }

    @Test
    void auditGradesASavedPageAsPostAuditDoes(@TempDir Path dir) throws Exception {
        Path headers = dir.resolve("headers.txt");
        Files.writeString(headers, "HTTP/2 200\r\ncontent-type: text/html\r\n\r\n");
        String html = "<html><head><script src=\"http://cdn.example.net/x.js\"></script></head></html>";
        Path page = dir.resolve("page.html");
        Files.writeString(page, html);
        CommandRun run = CommandRun.run("", "audit", "--headers", headers.toString(), "--body", page.toString(),
                "--url", "https://example.org/");
        assertEquals(0, run.await(), run.stderr());
        JsonNode fromCommand = JSON.readTree(run.remainingLines().get(0));
        JsonNode fromService = JSON.readTree(given().contentType("application/json")
                .body(Map.of("url", "https://example.org/", "headers", List.of(Map.of("name", "content-type", "value", "text/html")),
                        "body", html))
                .post("/audit").then().statusCode(200).extract().asString());
        assertEquals(fromService, fromCommand);
        assertTrue(fromCommand.at("/audit/findings").toString()
                .contains("\"sri-not-implemented-and-external-scripts-not-loaded-securely\""), fromCommand.toString());
    }

    @Test
    void badFilterPathAndBodyValuesAreOneLineAndExitTwo() throws Exception {
        assertUsageErrors(Map.of(
                List.of("probe", "--match-status", "200,6xx", "http://127.0.0.1/"), "'6xx' is not a status code or class",
                List.of("probe", "-fc", "abc", "http://127.0.0.1/"), "'abc' is not a status code or class",
                List.of("probe", "--match-regex", "(admin", "http://127.0.0.1/"), "'(admin' is not an RE2 regex: missing closing )",
                List.of("probe", "--filter-regex", "(?<=a)b", "http://127.0.0.1/"), "is not an RE2 regex",
                List.of("probe", "--path", "/a,,/b", "http://127.0.0.1/"), "--path '' is not a path",
                List.of("probe", "--path", "https://example.org/x", "http://127.0.0.1/"), "is not a path",
                List.of("probe", "--body-max-bytes", "0", "http://127.0.0.1/"), "--body-max-bytes must be at least 1, got 0",
                List.of("probe", "--body", "--method", "HEAD", "http://127.0.0.1/"), "reading the body needs --method GET"));
    }

    private static void assertUsageErrors(Map<List<String>, String> cases) throws InterruptedException {
        for (Map.Entry<List<String>, String> error : cases.entrySet()) {
            CommandRun run = CommandRun.run("", error.getKey().toArray(String[]::new));
            assertEquals(2, run.await(), error.getKey() + ": " + run.stderr());
            List<String> lines = run.stderr().lines().toList();
            assertEquals(1, lines.size(), error.getKey() + " says one line: " + lines);
            assertTrue(lines.get(0).contains(error.getValue()), lines.get(0));
            assertTrue(run.remainingLines().isEmpty());
        }
    }

    @Test
    void ctrlCFlushesTheFinishedResultsAndExits130() throws Exception {
        try (CommandRun run = CommandRun.startInterruptible("probe", "--timeout", "60s", Loopback.url(bare, "/1"),
                Loopback.url(silent, "/never"), Loopback.url(graded, "/2"))) {
            run.stdin("");
            List<String> finished = List.of(run.nextLine(60), run.nextLine(60));
            try (Socket waiting = silent.accept()) {
                // The silent target holds the third probe open: interrupt while it waits.
                assertNotNull(waiting);
                new ProcessBuilder("kill", "-INT", Long.toString(run.process.pid())).start().waitFor();
                assertEquals(130, run.await(), run.stderr());
            }
            assertTrue(run.remainingLines().isEmpty(), "nothing after the interruption");
            assertEquals(2, parse(finished).size());
            assertTrue(run.stderr().contains("interrupted after 2 results"), run.stderr());
        }
    }

    @Test
    void commandModeStartsNoScanSubsystem() throws Exception {
        // The service's database (down here) and a scan share above --concurrency: a command uses neither.
        Map<String, String> serviceConfiguration = Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + Loopback.refusingPort() + "/scans",
                "HEADPROBE_SCAN_MAX_IN_FLIGHT", "512");
        try (CommandRun run = CommandRun.startWithEnvironment(serviceConfiguration,
                "probe", "--concurrency", "2", Loopback.url(bare, "/db-down"))) {
            run.stdin("");
            assertEquals(0, run.await(), run.stderr());
            assertEquals(200, JSON.readTree(run.nextLine(10)).at("/status").asInt());
        }
    }

    @Test
    void commandModeStartsNothingOfTheService() throws Exception {
        // Each of these stops the service's start-up; a command never reads or starts them.
        Map<String, String> unusable = Map.of(
                "HEADPROBE_BLACKBOX_CONFIG_FILE", "/nonexistent/blackbox.yml",
                "HEADPROBE_AUTH_API_KEYS_FILE", "/nonexistent/keys",
                "HEADPROBE_SCAN_RETENTION", "1H");
        for (Map.Entry<String, String> setting : unusable.entrySet()) {
            try (CommandRun run = CommandRun.startWithEnvironment(Map.ofEntries(setting), "probe",
                    Loopback.url(bare, "/lean"))) {
                run.stdin("");
                assertEquals(0, run.await(), setting + ": " + run.stderr());
                assertEquals(200, JSON.readTree(run.nextLine(10)).at("/status").asInt(), setting.toString());
            }
        }
    }

    @Test
    void commandsNeverStartQuarkus(@TempDir Path dir) throws Exception {
        // Quarkus logs its start at INFO ("... started in 0.041s", "Profile prod activated"): a command
        // makes its few beans itself, so even at INFO there is nothing of Quarkus to log.
        Path headers = Files.writeString(dir.resolve("headers.txt"), "HTTP/1.1 200 OK\r\nX-Frame-Options: DENY\r\n\r\n");
        List<List<String>> commands = List.of(List.of("probe", Loopback.url(bare, "/no-boot")),
                List.of("audit", "--json", "--headers", headers.toString()));
        for (List<String> command : commands) {
            try (CommandRun run = CommandRun.startWithSystemProperties(List.of("-Dquarkus.log.level=INFO"),
                    command.toArray(String[]::new))) {
                run.stdin("");
                assertEquals(0, run.await(), command + ": " + run.stderr());
                assertFalse(run.stderr().contains("Quarkus") || run.stderr().contains("activated"),
                        command + " started Quarkus: " + run.stderr());
                assertTrue(run.nextLine(10).startsWith("{"), command + ": its JSON result");
            }
        }
    }

    @Test
    void commandModeOpensNoListeningPort() throws Exception {
        try (CommandRun run = CommandRun.start("probe", "--timeout", "2s", Loopback.url(silent, "/hold"))) {
            run.stdin("");
            try (Socket waiting = silent.accept()) {
                // Connected to its target, so it is up; whatever it listens on would be open now.
                Set<String> sockets = socketInodes(run.process.pid());
                assertFalse(sockets.isEmpty(), "the command's connection to its target is a socket");
                Set<String> listening = listeningInodes();
                sockets.retainAll(listening);
                assertTrue(sockets.isEmpty(), "listening sockets of the command: " + sockets);
                assertEquals(1, run.await(), "the silent target times out");
            }
            assertEquals("TIMEOUT", JSON.readTree(run.nextLine(10)).at("/error/code").asText());
        }
    }

    @Test
    void auditGradesASavedHeaderBlockAsPostAuditDoes(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("headers.txt");
        // What curl -sD writes when it follows a redirect: two blocks, the last is the page's.
        Files.writeString(saved, "HTTP/1.1 301 Moved Permanently\r\nLocation: https://example.org/\r\n\r\n"
                + "HTTP/2 200\r\nstrict-transport-security: max-age=63072000\r\n"
                + "x-frame-options: DENY\r\nset-cookie: id=1; Path=/\r\n\r\n");
        CommandRun run = CommandRun.run("", "audit", "--headers", saved.toString(), "--url", "https://example.org/");
        assertEquals(0, run.await(), run.stderr());
        JsonNode fromCommand = JSON.readTree(run.remainingLines().get(0));

        JsonNode fromService = JSON.readTree(given().contentType("application/json")
                .body(Map.of("url", "https://example.org/", "headers", List.of(
                        Map.of("name", "strict-transport-security", "value", "max-age=63072000"),
                        Map.of("name", "x-frame-options", "value", "DENY"),
                        Map.of("name", "set-cookie", "value", "id=1; Path=/"))))
                .post("/audit").then().statusCode(200).extract().asString());
        assertEquals(fromService, fromCommand);
        assertTrue(fromCommand.at("/audit/findings").toString().contains("\"csp-not-implemented\""), "no CSP: " + fromCommand);

        CommandRun piped = CommandRun.run(Files.readString(saved), "audit", "--headers", "-", "--url", "https://example.org/",
                "--fail-under", "A+");
        assertEquals(1, piped.await(), "graded " + fromCommand.at("/audit/grade").asText() + ", below A+");
    }

    private static List<JsonNode> parse(List<String> lines) throws IOException {
        List<JsonNode> results = new ArrayList<>();
        for (String line : lines) {
            results.add(JSON.readTree(line));
        }
        return results;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> names(JsonNode headers) {
        List<String> names = new ArrayList<>();
        for (Iterator<JsonNode> it = headers.elements(); it.hasNext();) {
            names.add(it.next().get("name").asText());
        }
        return names;
    }

    /** Inodes of the sockets a process holds open, from /proc/PID/fd. */
    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring(8, link.length() - 1));
                    }
                } catch (IOException e) {
                    // closed while we looked
                }
            }
        }
        return inodes;
    }

    /** Inodes of every TCP socket in LISTEN state (st 0A) on this machine, IPv4 and IPv6. */
    private static Set<String> listeningInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> rows = Files.readAllLines(Path.of(table));
            for (String line : rows.subList(1, rows.size())) {
                String[] fields = line.strip().split("\\s+");
                if (fields[3].equals("0A")) {
                    inodes.add(fields[9]);
                }
            }
        }
        assertFalse(inodes.isEmpty(), "the tests' own servers listen: the tables were read");
        return inodes;
    }
}
