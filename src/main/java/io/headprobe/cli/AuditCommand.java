package io.headprobe.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.headprobe.audit.Audit;
import io.headprobe.audit.AuditReport;
import io.headprobe.audit.AuditRequest;
import io.headprobe.audit.Grade;
import io.headprobe.audit.AuditedResponse;
import io.headprobe.audit.SecurityHeaders;
import io.headprobe.http.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code headprobe audit --headers FILE}: grades a saved header block offline, like POST /audit. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Grade saved response headers (Observatory's rules) without fetching anything.",
        footer = { "", "Examples:", "  curl -sD - -o /dev/null https://example.org/ | headprobe audit --headers -",
                "  headprobe audit --headers headers.txt --body page.html --fail-under B",
                "", "Exit codes: 0 graded (and not below --fail-under), 1 graded below --fail-under, 2 usage or input error." })
class AuditCommand implements Callable<Integer> {

    /** Where the headers came from when --url does not say: an https page, the common case. */
    static final String DEFAULT_URL = "https://localhost/";

    @Spec
    CommandSpec spec;

    @Option(names = "--headers", required = true, paramLabel = "FILE",
            description = "a saved header block, e.g. from curl -sD FILE ('-': standard input)")
    String headers;

    @Option(names = "--body", paramLabel = "FILE",
            description = "the page's HTML, e.g. from curl -o FILE: grades its scripts (SRI) and meta tags too")
    Path body;

    @Option(names = "--url", paramLabel = "URL", description = "the page's URL (default " + DEFAULT_URL + ")")
    String url = DEFAULT_URL;

    @Option(names = "--fail-under", paramLabel = "GRADE", converter = GradeConverter.class,
            description = "exit 1 when the grade is below GRADE (A+ ... F)")
    String failUnder;

    @Option(names = "--json", description = "the JSON of POST /audit (default when stdout is not a terminal)")
    boolean json;

    @Override
    public Integer call() throws IOException {
        List<Header> received = read();
        String page = page();
        return CommandBeans.run(java.util.Map.of(), beans -> {
            AuditRequest.checkUrl(url);
            Audit audit = SecurityHeaders.audit(new AuditedResponse(url, received).withBody(page));
            if (json || !Terminal.isTerminal(Terminal.STDOUT)) {
                System.out.println(beans.json().writeValueAsString(new AuditReport(url, audit)));
            } else {
                print(audit);
            }
            return failUnder != null && Grade.rank(audit.grade()) < Grade.rank(failUnder) ? 1 : 0;
        });
    }

    /** The page as text (UTF-8, as POST /audit's JSON carries it), or null without --body. */
    private String page() throws IOException {
        if (body == null) {
            return null;
        }
        if (!Files.isReadable(body)) {
            throw new ParameterException(spec.commandLine(), "cannot read --body " + body
                    + (Files.exists(body) ? ": permission denied" : ": no such file"));
        }
        // Bytes that are not UTF-8 (a Latin-1 page) become U+FFFD instead of failing the command.
        return new String(Files.readAllBytes(body), StandardCharsets.UTF_8);
    }

    private List<Header> read() throws IOException {
        Path file = headers.equals("-") ? null : Path.of(headers);
        if (file != null && !Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "cannot read --headers " + headers
                    + (Files.exists(file) ? ": permission denied" : ": no such file"));
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                file == null ? System.in : Files.newInputStream(file), StandardCharsets.ISO_8859_1))) {
            return HeaderBlock.read(in);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--headers " + headers + ": " + e.getMessage());
        }
    }

    private void print(Audit audit) {
        System.out.printf(Locale.ROOT, "%s  grade %s  score %d%n", url, audit.grade(), audit.score());
        for (Audit.Finding finding : audit.findings()) {
            System.out.printf(Locale.ROOT, "  %-4s %+4d  %-28s %s%n", finding.pass() ? "pass" : "FAIL", finding.modifier(),
                    finding.test(), finding.result());
        }
    }
}
