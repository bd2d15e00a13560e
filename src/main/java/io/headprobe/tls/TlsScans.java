package io.headprobe.tls;

import io.headprobe.tls.model.TlsScan;
import io.headprobe.tls.model.Rating;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.headprobe.guard.AddressGuard;
import io.headprobe.guard.TargetUrl;
import io.headprobe.probe.Prober;
import io.headprobe.probe.Resolver;
import io.headprobe.problem.ProblemException;
import io.netty.util.NetUtil;
import io.smallrye.mutiny.Uni;

/**
 * A TLS scan of one target, whole: the name resolved and every address it stands for checked by the
 * guard, the engine's handshakes to the first address (holding one of the prober's per-host,
 * per-address and in-flight permits, so scans and probes of one server wait for each other), then
 * what the engine leaves out: the certificate ({@link CertificateInspector}) and the grade. Every
 * surface (GET /tls, {@code headprobe tls}) calls {@link #scan}.
 */
@ApplicationScoped
public class TlsScans {

    private final TlsScanConfig config;
    private final Resolver resolver;
    private final AddressGuard guard;
    private final Prober prober;
    /** What checks the certificate; null where there is none. */
    private final CertificateInspector inspector;
    private final TlsScanner scanner;

    @Inject
    TlsScans(TlsScanConfig config, Resolver resolver, AddressGuard guard, Prober prober,
            Instance<CertificateInspector> inspectors) {
        this(config, resolver, guard, prober, inspectors.isResolvable() ? inspectors.get() : null);
    }

    /** Without CDI (the command line's wiring). */
    public TlsScans(TlsScanConfig config, Resolver resolver, AddressGuard guard, Prober prober,
            CertificateInspector inspector) {
        this.config = config;
        this.resolver = resolver;
        this.guard = guard;
        this.prober = prober;
        this.inspector = inspector;
        scanner = new TlsScanner(config.handshakeTimeout());
    }

    /**
     * Reads "host", "host:port", "[v6]:port" or an https URL; the port is 443 unless given.
     *
     * @throws ProblemException 400 saying what is wrong
     */
    public static TargetUrl target(String target) {
        try {
            TargetUrl url = TargetUrl.parse(target);
            if (!url.https()) {
                throw new TargetUrl.InvalidTargetException("a TLS scan takes host[:port] or an https URL, not " + url.scheme());
            }
            return url;
        } catch (TargetUrl.InvalidTargetException e) {
            throw new ProblemException(400, "target: " + e.getMessage());
        }
    }

    /** The scan within headprobe.tls-scan.max-scan-time. */
    public Uni<TlsScan> scan(TargetUrl url) {
        return scan(url, config.maxScanTime());
    }

    public Uni<TlsScan> scan(TargetUrl url, Duration maxTime) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            long deadline = start + maxTime.toNanos();
            String host = url.literal().isPresent() ? null : withoutTrailingDot(url.host());
            return resolver.resolve(url)
                    .ifNoItem().after(maxTime).fail()
                    .onItemOrFailure().transformToUni((addresses, failure) -> failure == null
                            ? scan(url, host, addresses, deadline)
                            : Uni.createFrom().item(failed(host, null, start, "Error resolving address: "
                                    + (failure.getMessage() == null ? "no answer in time" : failure.getMessage()))));
        });
    }

    private Uni<TlsScan> scan(TargetUrl url, String host, List<InetAddress> addresses, long deadline) {
        long start = System.nanoTime();
        // As the probe: every address the name stands for must be allowed, a mixed answer is refused whole.
        for (InetAddress address : addresses) {
            if (!guard.allows(address)) {
                return Uni.createFrom().item(failed(host, null, start, url.host() + " resolves to "
                        + NetUtil.toAddressString(address) + ", which is not a public address"));
            }
        }
        return handshakes(url.host(), host, new InetSocketAddress(addresses.get(0), url.port()), deadline, false);
    }

    /**
     * The scan of an address a probe has just resolved and the guard allowed (its final hop's): no
     * lookup again, only the guard's pure check once more.
     *
     * @param url the URL whose server is scanned (its host names the per-host permit and the SNI)
     * @param hsts true when the probe saw HSTS with a long max-age (for A+)
     */
    public Uni<TlsScan> scanChecked(TargetUrl url, InetAddress address, Duration maxTime, boolean hsts) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            String host = url.literal().isPresent() ? null : withoutTrailingDot(url.host());
            if (!guard.allows(address)) {
                return Uni.createFrom().item(failed(host, null, start, NetUtil.toAddressString(address)
                        + " is not a public address"));
            }
            return handshakes(url.host(), host, new InetSocketAddress(address, url.port()), start + maxTime.toNanos(), hsts);
        });
    }

    private Uni<TlsScan> handshakes(String permitHost, String host, InetSocketAddress address, long deadline,
            boolean hsts) {
        return prober.asOneFetch(permitHost, address.getAddress(),
                () -> scanner.scan(address, host, deadline, config.parallelism()))
                .onItem().transformToUni(scan -> finish(scan, address, host, deadline, hsts));
    }

    /**
     * What the engine leaves out: the certificate, when an inspector is there; then the grade. A
     * scan alone sees no HTTP response, so no HSTS: its best grade is A (see docs/tls.md); a probe's
     * scan ({@link #scanChecked}) brings the probe's.
     */
    private Uni<TlsScan> finish(TlsScan scan, InetSocketAddress address, String host, long deadline, boolean hsts) {
        if (scan.protocols().isEmpty()) {
            return Uni.createFrom().item(scan);
        }
        if (inspector == null) {
            return Uni.createFrom().item(complete(scan, null, hsts));
        }
        return inspector.inspect(address, host, deadline)
                .onItem().transform(certificate -> complete(scan, certificate, hsts));
    }

    /**
     * @param partial what the handshakes found (its certificate and rating are replaced)
     * @param certificate from the inspector; null when there is none or no handshake showed one
     * @param hsts true when the site sends HSTS with a long max-age (for A+)
     * @return the scan with its certificate and its rating
     */
    public static TlsScan complete(TlsScan partial, TlsScan.CertificateFacts certificate, boolean hsts) {
        TlsScan withCertificate = with(partial, certificate, null);
        return with(withCertificate, certificate, Ratings.rate(withCertificate, hsts));
    }

    private static TlsScan with(TlsScan s, TlsScan.CertificateFacts certificate, Rating rating) {
        return new TlsScan(s.host(), s.address(), s.complete(), s.protocols(), s.suites(), s.groups(), s.dhBits(),
                s.forwardSecrecy(), s.weak(), s.fallbackScsv(), s.secureRenegotiation(), s.compression(), certificate,
                rating, s.handshakes(), s.durationMs(), s.error());
    }

    private static TlsScan failed(String host, String address, long start, String error) {
        return new TlsScan(host, address, false, List.of(), List.of(), List.of(), null, null, List.of(), null, null, null,
                null, null, 0, (System.nanoTime() - start) / 1e6, error);
    }

    private static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
