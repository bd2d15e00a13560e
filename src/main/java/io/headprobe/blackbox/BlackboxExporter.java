package io.headprobe.blackbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.headprobe.access.ClientLimits;
import io.headprobe.blackbox.dns.DnsModule;
import io.headprobe.blackbox.dns.DnsProber;
import io.headprobe.blackbox.grpc.GrpcModule;
import io.headprobe.blackbox.grpc.GrpcProber;
import io.headprobe.blackbox.tcp.TcpModule;
import io.headprobe.blackbox.tcp.TcpProber;
import io.headprobe.http.Header;
import io.headprobe.probe.ModuleScrape;
import io.headprobe.probe.ProbeConfig;
import io.headprobe.probe.ProbeOptions;
import io.headprobe.probe.ProbeResult;
import io.headprobe.probe.Prober;
import io.headprobe.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * blackbox_exporter's /probe on HeadProbe: {@code GET /probe?target=URL&module=NAME} probes one
 * target with the module's settings, under the probe's guard, keys and limits, and answers with
 * blackbox's metrics (plus the audit's) in the Prometheus text format, or OpenMetrics when asked.
 *
 * <pre>
 * curl 'localhost:8080/probe?target=https://example.org/&amp;module=http_2xx'
 * curl 'localhost:8080/probe?target=example.org:22&amp;module=ssh_banner'
 * curl 'localhost:8080/probe?target=example.org:50051&amp;module=grpc_plain'
 * </pre>
 */
@ApplicationScoped
public class BlackboxExporter implements ModuleScrape {

    /** blackbox's --timeout-offset default: the scrape's own timeout less this is the probe's. */
    private static final Duration TIMEOUT_OFFSET = Duration.ofMillis(500);

    @Inject
    BlackboxModules modules;

    @Inject
    Prober prober;

    @Inject
    TcpProber tcpProber;

    @Inject
    DnsProber dnsProber;

    @Inject
    GrpcProber grpcProber;

    @Inject
    ProbeConfig config;

    @Inject
    BlackboxConfig blackbox;

    @Inject
    ClientLimits limits;

    @Override
    public Uni<Response> scrape(Scrape scrape) {
        if (scrape.target() == null || scrape.target().isBlank()) {
            throw new ProblemException(400, "Target parameter is missing");
        }
        if (scrape.target().length() > config.maxTargetLength()) {
            throw new ProblemException(400, "the target is " + scrape.target().length() + " characters long; at most "
                    + config.maxTargetLength() + " are allowed");
        }
        Optional<String> refusal = modules.refusal(scrape.module());
        if (refusal.isPresent()) {
            // A 400, as for an unknown module: Prometheus shows the target down, with the reason in the body.
            throw new ProblemException(400, "module \"" + scrape.module() + "\" is not run by HeadProbe: " + refusal.get());
        }
        ExpositionFormat format = ExpositionFormat.forAccept(scrape.accept());
        Optional<TcpModule> tcp = modules.tcp(scrape.module());
        if (tcp.isPresent()) {
            return scrape(scrape, tcp.get().timeout(), tcp.get(), format,
                    timeout -> tcpProber.probe(scrape.target(), tcp.get(), timeout),
                    (result, seconds) -> new Probed(TcpMetrics.of(result, tcp.get(), seconds), result.log()));
        }
        Optional<DnsModule> dns = modules.dns(scrape.module());
        if (dns.isPresent()) {
            return scrape(scrape, dns.get().timeout(), dns.get(), format,
                    timeout -> dnsProber.probe(scrape.target(), dns.get(), timeout),
                    (result, seconds) -> new Probed(DnsMetrics.of(result, seconds), result.log()));
        }
        Optional<GrpcModule> grpc = modules.grpc(scrape.module());
        if (grpc.isPresent()) {
            return scrape(scrape, grpc.get().timeout(), grpc.get(), format,
                    timeout -> grpcProber.probe(scrape.target(), grpc.get(), timeout),
                    (result, seconds) -> new Probed(GrpcMetrics.of(result, seconds), result.log()));
        }
        Module module = modules.module(scrape.module())
                .orElseThrow(() -> modules.unknown(scrape.module()));
        Duration timeout = timeout(module, scrape.scrapeTimeoutSeconds(), config.timeout());
        String target = withScheme(scrape.target());
        ProbeOptions options = options(module, timeout);
        return limits.limit(1 + prober.tlsScanCost(options), () -> {
            long start = System.nanoTime();
            AtomicReference<String> body = new AtomicReference<>();
            return prober.probe(target, options, body::set)
                    .onItem().transform(result -> answer(result,
                            options.body() == null ? null : new ModuleCheck.Read(body.get(), options.body().maxBytes()), module,
                            (System.nanoTime() - start) / 1e9, scrape.debug(), format));
        });
    }

    /** What a tcp, dns or grpc probe answers: its metrics, and its log for debug=true. */
    private record Probed(List<Metric> metrics, String log) {
    }

    /**
     * A scrape of a module of a prober other than http: the probe within the module's timeout
     * under the client's limit, answered with its metrics given the probe's duration.
     */
    private <R> Uni<Response> scrape(Scrape scrape, Duration moduleTimeout, Record module, ExpositionFormat format,
            Function<Duration, Uni<R>> probe, BiFunction<R, Double, Probed> answer) {
        Duration timeout = timeout(moduleTimeout, scrape.scrapeTimeoutSeconds(), config.timeout());
        return limits.limit(1, () -> {
            long start = System.nanoTime();
            return probe.apply(timeout).onItem().transform(result -> {
                Probed probed = answer.apply(result, (System.nanoTime() - start) / 1e9);
                return answer(probed.metrics(), probed.log(), module, scrape.debug(), format);
            });
        });
    }

    /** The metrics, or with debug=true blackbox's page: the probe's log, the metrics and the module. */
    private static Response answer(List<Metric> metrics, String log, Record module, boolean debug, ExpositionFormat format) {
        if (debug) {
            String page = "Logs for the probe:\n" + log + "\n\nMetrics that would have been returned:\n"
                    + ExpositionWriter.write(metrics, ExpositionFormat.PROMETHEUS_TEXT) + "\n\nModule configuration:\n"
                    + module + '\n';
            return Response.ok(page, "text/plain; charset=utf-8").build();
        }
        return Response.ok(ExpositionWriter.write(metrics, format), format.contentType()).build();
    }

    private Response answer(ProbeResult result, ModuleCheck.Read body, Module module, double seconds, boolean debug,
            ExpositionFormat format) {
        List<Metric> metrics = BlackboxMetrics.of(result, body, module, seconds);
        if (debug) {
            String page = DebugPage.of(result, module, ExpositionWriter.write(metrics, ExpositionFormat.PROMETHEUS_TEXT));
            return Response.ok(page, "text/plain; charset=utf-8").build();
        }
        return Response.ok(ExpositionWriter.write(metrics, format), format.contentType()).build();
    }

    /**
     * As blackbox: the scrape's timeout header less half a second, capped by the module's timeout;
     * and never more than HeadProbe's own per-target maximum.
     */
    static Duration timeout(Module module, String header, Duration maximum) {
        return timeout(module.timeout(), header, maximum);
    }

    /** @param moduleTimeout zero when the module sets none */
    static Duration timeout(Duration moduleTimeout, String header, Duration maximum) {
        Duration timeout = maximum;
        if (!moduleTimeout.isZero() && moduleTimeout.compareTo(timeout) < 0) {
            timeout = moduleTimeout;
        }
        if (header != null) {
            Duration scrape;
            try {
                scrape = Duration.ofNanos(new BigDecimal(header.strip()).movePointRight(9).longValueExact());
            } catch (NumberFormatException | ArithmeticException e) {
                throw new ProblemException(400, "X-Prometheus-Scrape-Timeout-Seconds is not a number of seconds: '" + header + "'");
            }
            Duration left = scrape.minus(TIMEOUT_OFFSET);
            if (left.compareTo(timeout) < 0) {
                timeout = left;
            }
        }
        if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw new ProblemException(400, "the scrape timeout leaves no time to probe");
        }
        return timeout;
    }

    private ProbeOptions options(Module module, Duration timeout) {
        return new ProbeOptions(
                // valueOf keeps the name as written: Go sends "get" as "get" too.
                HttpMethod.valueOf(module.method()),
                timeout,
                module.followRedirects(),
                config.maxRedirects(),
                1,
                blackbox.audit() != BlackboxConfig.AuditMode.OFF,
                !module.insecureSkipVerify(),
                module.extras().enableHttp2(),
                ipVersion(module),
                requestHeaders(module),
                module.caFile().orElse(null),
                module.host(),
                bodyRead(module, config.bodyMaxBytes()),
                module.extras().requestBody(),
                tlsClient(module.extras()))
                .withAuditFetches(blackbox.audit() == BlackboxConfig.AuditMode.FULL)
                .withTlsScan(module.extras().tlsScan())
                .withProxy(module.extras().proxy());
    }

    private static ProbeOptions.TlsClient tlsClient(Module.HttpExtras extras) {
        if (extras.serverName() == null && extras.tlsProtocols().isEmpty() && extras.clientCertificate() == null) {
            return null;
        }
        return new ProbeOptions.TlsClient(extras.serverName(), extras.tlsProtocols(), extras.clientCertificate());
    }

    /**
     * blackbox reads every body but a HEAD's; HeadProbe reads up to body_size_limit, or to
     * headprobe.probe.body-max-bytes when that is smaller or there is no limit.
     */
    static ProbeOptions.BodyRead bodyRead(Module module, int maxBytes) {
        if (module.method().equals("HEAD")) {
            return null;
        }
        long limit = module.extras().bodySizeLimit();
        return new ProbeOptions.BodyRead((int) (limit > 0 ? Math.min(limit, maxBytes) : maxBytes), false);
    }

    /**
     * The module's headers, and the Accept-Encoding Go's client sends: gzip, which it then decodes,
     * unless the module names its own; with compression, that coding (blackbox leaves it to the
     * module's headers, and without them Go's gzip would be decoded twice and fail).
     */
    private static List<Header> requestHeaders(Module module) {
        List<Header> headers = new ArrayList<>(module.requestHeaders());
        String compression = module.extras().compression();
        if (Header.first(headers, "Accept-Encoding") == null && !module.method().equals("HEAD")) {
            headers.add(new Header("Accept-Encoding", compression.isEmpty() ? "gzip" : compression));
        }
        return List.copyOf(headers);
    }

    /**
     * blackbox resolves the preferred family and falls back to the other when allowed; HeadProbe
     * tries every address in Happy Eyeballs order, so only "no fallback" narrows the family.
     */
    private static Integer ipVersion(Module module) {
        if (module.ipProtocolFallback()) {
            return null;
        }
        return "ip4".equals(module.preferredIpProtocol()) ? 4 : 6;
    }

    /** blackbox takes a bare host:port as http; HeadProbe's own API takes it as https. */
    static String withScheme(String target) {
        String text = target.strip();
        return text.contains("://") ? text : "http://" + text;
    }
}
