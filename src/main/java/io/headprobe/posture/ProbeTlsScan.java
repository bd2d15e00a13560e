package io.headprobe.posture;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.guard.TargetUrl;
import io.headprobe.http.Header;
import io.headprobe.probe.ErrorCode;
import io.headprobe.probe.ProbeResult;
import io.headprobe.probe.TlsScanStep;
import io.headprobe.tls.TlsScanConfig;
import io.headprobe.tls.TlsScans;
import io.netty.util.NetUtil;
import io.smallrye.mutiny.Uni;

/**
 * The TLS scan a probe asks for ({@code "tlsScan": true}): of the final URL's server, when that URL
 * is https, at the address the probe's last hop was sent to (already resolved and allowed by the
 * guard: the name is not looked up again), within what is left of the probe's timeout. An http
 * final URL, or one never resolved, gets none. The grade's A+ takes the probe's own
 * Strict-Transport-Security header.
 *
 * This package sits above io.headprobe.probe and io.headprobe.tls: the scan holds the prober's
 * permits, so the prober cannot call it directly without the two packages calling each other.
 */
@ApplicationScoped
public class ProbeTlsScan implements TlsScanStep {

    /** SSL Labs' A+ asks for HSTS with a max-age of at least 180 days. */
    static final long HSTS_MIN_AGE_SECONDS = Duration.ofDays(180).toSeconds();

    private final TlsScans scans;
    private final TlsScanConfig config;

    @Inject
    public ProbeTlsScan(TlsScans scans, TlsScanConfig config) {
        this.scans = scans;
        this.config = config;
    }

    @Override
    public int cost() {
        return config.cost();
    }

    @Override
    public Uni<ProbeResult> scan(ProbeResult result, long deadlineNanos) {
        Optional<TargetUrl> url = httpsUrl(result.url());
        Optional<InetAddress> address = scannedAddress(result);
        if (url.isEmpty() || address.isEmpty()) {
            return Uni.createFrom().item(result);
        }
        // What is left of the probe's timeout (at most headprobe.tls-scan.max-scan-time): a scrape
        // or a request takes no longer for its scan; a scan out of time says so (complete: false).
        Duration left = Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadlineNanos - System.nanoTime()));
        Duration maxTime = left.compareTo(config.maxScanTime()) < 0 ? left : config.maxScanTime();
        return scans.scanChecked(url.get(), address.get(), maxTime, longHsts(result.headers()))
                .onItem().transform(result::withTlsScan);
    }

    private static Optional<TargetUrl> httpsUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TargetUrl.parse(url)).filter(TargetUrl::https);
        } catch (TargetUrl.InvalidTargetException e) {
            return Optional.empty();
        }
    }

    /**
     * The address that answered; when the last hop's handshake failed (its certificate, say), the
     * first it resolved to: the guard had allowed them all before connecting. Any other failure
     * (blocked, not resolved, refused) leaves nothing to scan.
     */
    static Optional<InetAddress> scannedAddress(ProbeResult result) {
        String address = result.remoteAddress();
        if (address == null && result.error() != null && result.error().code() == ErrorCode.TLS_FAILURE
                && result.addresses() != null && !result.addresses().isEmpty()) {
            address = result.addresses().get(0);
        }
        return address == null ? Optional.empty() : Optional.ofNullable(NetUtil.createInetAddressFromIpAddressString(address));
    }

    /** A Strict-Transport-Security header with a max-age of at least 180 days. */
    static boolean longHsts(List<Header> headers) {
        String value = headers == null ? null : Header.first(headers, "Strict-Transport-Security");
        if (value == null) {
            return false;
        }
        for (String directive : value.split(";")) {
            String[] nameValue = directive.strip().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].strip().toLowerCase(Locale.ROOT).equals("max-age")) {
                try {
                    return Long.parseLong(nameValue[1].strip().replace("\"", "")) >= HSTS_MIN_AGE_SECONDS;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
