package io.headprobe.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.headprobe.guard.TargetUrl;
import io.headprobe.problem.ProblemException;
import io.headprobe.tls.model.TlsScan;
import io.headprobe.tls.TlsScans;
import io.smallrye.mutiny.Multi;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headprobe tls HOST...}: GET /tls for the shell, one scan per host, each written as it finishes. */
@Command(name = "tls", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Scan the TLS of each host: the versions, cipher suites and groups it accepts, and its weaknesses.",
        footer = { "", "Examples:", "  headprobe tls example.org example.net:8443",
                "  headprobe tls --jsonl example.org | jq '{protocols, weak}'",
                "", "Exit codes: 0 every scan complete, 1 otherwise, 2 usage error." })
class TlsCommand implements Callable<Integer> {

    /** Hosts scanned at once: each scan already runs several handshakes. */
    private static final int HOSTS_AT_ONCE = 4;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST", arity = "1..*", description = "host[:port] (port 443 by default) or an https URL")
    List<String> hosts = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Format format;

    static class Format {
        @Option(names = "--jsonl", description = "one JSON object per line, as GET /tls (default when stdout is not a terminal)")
        boolean jsonl;

        @Option(names = "--table", description = "one short line per host (default on a terminal)")
        boolean table;
    }

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "most time for one host's scan; then it reports what it knows (default 30s)")
    Duration timeout;

    @Option(names = "--parallelism", paramLabel = "N", description = "handshakes in flight at once to one host (default 4)")
    Integer parallelism;

    @Option(names = "--public-only", description = "apply the service's SSRF guard: refuse private, loopback and other "
            + "non-public addresses (by default the command acts for its operator and may reach them)")
    boolean publicOnly;

    @Override
    public Integer call() {
        if (parallelism != null && parallelism < 1) {
            throw new ParameterException(spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
        }
        List<TargetUrl> targets = new ArrayList<>();
        for (String host : hosts) {
            try {
                targets.add(TlsScans.target(host));
            } catch (ProblemException e) {
                throw new ParameterException(spec.commandLine(), e.problem().detail());
            }
        }
        boolean table = format != null ? format.table : Terminal.isTerminal(Terminal.STDOUT);
        return CommandBeans.run(configuration(), beans -> {
            List<TlsScan> scans = Multi.createFrom().iterable(targets)
                    .onItem().transformToUni(target -> beans.tlsScans().scan(target)
                            .onItem().invoke(scan -> write(beans, target, scan, table)))
                    .merge(HOSTS_AT_ONCE)
                    .collect().asList().await().indefinitely();
            return scans.stream().allMatch(scan -> scan.complete() && scan.error() == null) ? 0 : 1;
        });
    }

    private static synchronized void write(CommandBeans beans, TargetUrl target, TlsScan scan, boolean table) {
        try {
            System.out.println(table ? line(target, scan) : beans.json().writeValueAsString(scan));
            System.out.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** HOST:PORT  protocols  suites  weak classes  forward secrecy  grade  handshakes and time, or the error. */
    static String line(TargetUrl target, TlsScan scan) {
        String name = target.hostHeader() + ":" + target.port();
        if (scan.protocols().isEmpty()) {
            return String.format(Locale.ROOT, "%-30s %s", name, scan.error());
        }
        int suites = scan.suites().stream().mapToInt(perVersion -> perVersion.suites().size()).sum();
        return String.format(Locale.ROOT, "%-30s %-34s %3d suites  weak: %-30s fs: %-3s grade: %-2s %3d handshakes %5.0f ms%s",
                name, String.join(",", scan.protocols()), suites,
                scan.weak().isEmpty() ? "none" : String.join(",", scan.weak()),
                Boolean.TRUE.equals(scan.forwardSecrecy()) ? "all" : "no",
                scan.rating() == null ? "-" : scan.rating().grade(), scan.handshakes(), scan.durationMs(),
                scan.complete() ? "" : "  INCOMPLETE: " + scan.error());
    }

    private Map<String, String> configuration() {
        Map<String, String> config = new LinkedHashMap<>();
        if (!publicOnly) {
            config.put("headprobe.guard.allow", "0.0.0.0/0,::/0");
        }
        if (timeout != null) {
            config.put("headprobe.tls-scan.max-scan-time", timeout.toMillis() + "MS");
        }
        if (parallelism != null) {
            config.put("headprobe.tls-scan.parallelism", parallelism.toString());
        }
        return config;
    }
}
