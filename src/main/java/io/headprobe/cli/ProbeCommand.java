package io.headprobe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.re2j.Pattern;

import io.headprobe.probe.ProbeRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code headprobe probe}: the service's probe for the shell. Targets come from the arguments,
 * {@code -l FILE} and standard input, are read as the probes go (bounded memory for any length of
 * list) and each result is written the moment it finishes.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = { "Fetch the response headers of each target and print one result per target as it finishes.",
                "Targets come from the arguments, -l FILE and standard input ('-', or when stdin is not a terminal); "
                        + "one per line, blank lines and # comments skipped." },
        footer = { "", "Examples:", "  cat hosts.txt | headprobe probe --audit --fail-under B > results.jsonl",
                "  headprobe probe -l hosts.txt --csv -o results.csv --path /admin -mc 200",
                "", "Exit codes: 0 every target answered (and none graded below --fail-under; with a match or "
                        + "filter, at least one result written), 1 otherwise, 2 usage or input error, 130 interrupted." })
class ProbeCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", description = "URLs or host names (https:// is assumed); '-' reads standard input")
    List<String> targets = new ArrayList<>();

    @Option(names = { "-l", "--list" }, paramLabel = "FILE", description = "read targets from FILE, one per line ('-': standard input)")
    String list;

    @ArgGroup(exclusive = true)
    Format format;

    static class Format {
        @Option(names = "--jsonl", description = "one JSON object per line, as POST /probe/stream (default when stdout is not a terminal)")
        boolean jsonl;

        @Option(names = "--table", description = "aligned columns (default on a terminal)")
        boolean table;

        @Option(names = "--csv", description = "comma-separated values with a header row")
        boolean csv;
    }

    @Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "write results to FILE instead of standard output")
    Path output;

    @Option(names = "--method", paramLabel = "HEAD|GET", description = "request method (default: headprobe.probe.method, HEAD)")
    String method;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "per-target limit covering DNS, connect, TLS and every hop: 10s, 500ms, 2m or seconds (default 10s)")
    Duration timeout;

    @Option(names = { "-c", "--concurrency" }, paramLabel = "N", description = "targets in flight at once (default 64)")
    Integer concurrency;

    @Option(names = "--no-follow", description = "report a redirect instead of following it")
    boolean noFollow;

    @Option(names = "--max-redirects", paramLabel = "N", description = "redirects followed per target (default 5)")
    Integer maxRedirects;

    @Option(names = "--audit", description = "grade the security headers of each response (Observatory's rules)")
    boolean audit;

    @Option(names = "--fail-under", paramLabel = "GRADE", converter = GradeConverter.class,
            description = "exit 1 when a target grades below GRADE (A+ ... F); implies --audit")
    String failUnder;

    @Option(names = { "-k", "--insecure" }, description = "fetch the headers even when the certificate does not verify "
            + "(the result still says why)")
    boolean insecure;

    @Option(names = "--no-http2", description = "offer only http/1.1 on https")
    boolean noHttp2;

    @Option(names = "-4", description = "connect over IPv4 only")
    boolean ipv4;

    @Option(names = "-6", description = "connect over IPv6 only")
    boolean ipv6;

    @Option(names = { "-H", "--header" }, paramLabel = "'NAME: VALUE'", description = "an extra request header (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(names = "--per-host", paramLabel = "N", description = "fetches in flight to one host or address (default 4; 0: no limit)")
    Integer perHost;

    @Option(names = "--public-only", description = "apply the service's SSRF guard: refuse private, loopback and other "
            + "non-public addresses (by default the command acts for its operator and may reach them)")
    boolean publicOnly;

    @Option(names = { "--body", "--title" }, description = "read the final response's body (then the method is GET) and "
            + "report its facts: bytes, sha256, mmh3, title, words, lines; the table shows the title")
    boolean body;

    @Option(names = "--favicon", description = "also fetch the page's icon and hash it as Shodan and httpx do (implies --body)")
    boolean favicon;

    @Option(names = "--tls-scan", description = "also scan the TLS of each final https URL's server: versions, suites, "
            + "groups, certificate and grade in the manner of SSL Labs (JSON: tlsScan; CSV: tlsGrade, tlsProtocols, tlsWeak)")
    boolean tlsScan;

    @Option(names = "--body-max-bytes", paramLabel = "N", description = "most body bytes read, on the wire and decoded "
            + "(default headprobe.probe.body-max-bytes, 262144; implies --body)")
    Integer bodyMaxBytes;

    @Option(names = "--path", split = ",", paramLabel = "PATH", description = "probe each target at PATH, after the "
            + "target's own path as httpx's -path does (repeatable or a comma list)")
    List<String> paths = new ArrayList<>();

    @Option(names = { "--match-status", "-mc" }, split = ",", paramLabel = "CODES", converter = StatusConverter.class,
            description = "write only results whose status is listed: codes and classes, e.g. 200,3xx")
    List<ResultFilter.StatusRange> matchStatus = new ArrayList<>();

    @Option(names = { "--filter-status", "-fc" }, split = ",", paramLabel = "CODES", converter = StatusConverter.class,
            description = "leave out results whose status is listed, e.g. 4xx,503")
    List<ResultFilter.StatusRange> filterStatus = new ArrayList<>();

    @Option(names = { "--match-regex", "-mr" }, paramLabel = "RE2", converter = RegexConverter.class,
            description = "write only results in whose response head (status line, headers) or body (with --body) "
                    + "the regex finds a match (repeatable: each must)")
    List<Pattern> matchRegex = new ArrayList<>();

    @Option(names = { "--filter-regex", "-fe" }, paramLabel = "RE2", converter = RegexConverter.class,
            description = "leave out results in whose response head or body (with --body) the regex finds a match "
                    + "(repeatable: any)")
    List<Pattern> filterRegex = new ArrayList<>();

    @Option(names = { "-q", "--quiet" }, description = "no progress line on standard error")
    boolean quiet;

    @Override
    public Integer call() {
        ProbeJob job = job();
        return CommandBeans.run(configuration(), job::run);
    }

    /** The run the options ask for, checked; nothing is started yet. */
    ProbeJob job() {
        check();
        TargetSource source = TargetSource.open(targets, list, paths, Terminal.isTerminal(Terminal.STDIN));
        if (source == null) {
            throw new ParameterException(spec.commandLine(),
                    "no targets: give URLs, -l FILE, or pipe them on standard input");
        }
        // The body's cap goes in as the configured one (see configuration()), so it may exceed the service's.
        ProbeRequest request = new ProbeRequest(null, method, null, noFollow ? Boolean.FALSE : null, null, null,
                audit || failUnder != null, insecure ? Boolean.FALSE : null, noHttp2 ? Boolean.FALSE : null,
                ipv4 ? Integer.valueOf(4) : ipv6 ? Integer.valueOf(6) : null, headerMap(),
                body || favicon || bodyMaxBytes != null ? Boolean.TRUE : null, null, favicon ? Boolean.TRUE : null,
                tlsScan ? Boolean.TRUE : null);
        return new ProbeJob(source, request, outputFormat(), output, failUnder,
                new ResultFilter(matchStatus, filterStatus, matchRegex, filterRegex),
                !quiet && Terminal.isTerminal(Terminal.STDERR), spec.qualifiedName());
    }

    private void check() {
        if (ipv4 && ipv6) {
            throw new ParameterException(spec.commandLine(), "-4 and -6 exclude each other");
        }
        positive("--concurrency", concurrency, 1);
        positive("--max-redirects", maxRedirects, 0);
        positive("--per-host", perHost, 0);
        positive("--body-max-bytes", bodyMaxBytes, 1);
        if ((body || favicon || bodyMaxBytes != null) && method != null && !method.strip().equalsIgnoreCase("GET")) {
            throw new ParameterException(spec.commandLine(), "reading the body needs --method GET (the default then), not "
                    + method);
        }
        for (String path : paths) {
            if (path.isBlank() || path.contains("://")) {
                throw new ParameterException(spec.commandLine(), "--path '" + path + "' is not a path (e.g. /admin)");
            }
        }
        if (list != null && !list.equals("-") && !Files.isReadable(Path.of(list))) {
            throw new ParameterException(spec.commandLine(), "cannot read -l " + list
                    + (Files.exists(Path.of(list)) ? ": permission denied" : ": no such file"));
        }
        if (output != null && output.getParent() != null && !Files.isDirectory(output.getParent())) {
            throw new ParameterException(spec.commandLine(), "cannot write -o " + output + ": no such directory");
        }
    }

    private void positive(String option, Integer value, int min) {
        if (value != null && value < min) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + min + ", got " + value);
        }
    }

    private Map<String, String> headerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new ParameterException(spec.commandLine(), "-H '" + header + "' is not 'Name: value'");
            }
            map.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        return map.isEmpty() ? null : map;
    }

    private ResultFormat outputFormat() {
        if (format != null && format.csv) {
            return ResultFormat.CSV;
        }
        if (format != null && format.table) {
            return ResultFormat.TABLE;
        }
        if (format != null && format.jsonl) {
            return ResultFormat.JSONL;
        }
        return output == null && Terminal.isTerminal(Terminal.STDOUT) ? ResultFormat.TABLE : ResultFormat.JSONL;
    }

    /**
     * What the options mean for the configuration the beans are made with. The command's own values
     * become the limits, so the service's request checks (ProbeRequests) apply unchanged.
     */
    Map<String, String> configuration() {
        Map<String, String> config = new LinkedHashMap<>();
        if (!publicOnly) {
            config.put("headprobe.guard.allow", "0.0.0.0/0,::/0");
        }
        if (perHost != null) {
            config.put("headprobe.probe.per-host-concurrency", perHost.toString());
        }
        if (concurrency != null) {
            config.put("headprobe.probe.concurrency", concurrency.toString());
            config.put("headprobe.probe.max-in-flight", concurrency.toString());
        }
        if (timeout != null) {
            config.put("headprobe.probe.timeout", timeout.toMillis() + "MS");
        }
        if (maxRedirects != null) {
            config.put("headprobe.probe.max-redirects", maxRedirects.toString());
        }
        if (bodyMaxBytes != null) {
            config.put("headprobe.probe.body-max-bytes", bodyMaxBytes.toString());
        }
        return config;
    }
}
