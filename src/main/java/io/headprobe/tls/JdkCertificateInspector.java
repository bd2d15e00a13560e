package io.headprobe.tls;

import io.headprobe.tls.model.TlsScan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.probe.ProbeTls;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The certificate of a TLS scan from {@link CertificateCheck}: one JDK handshake, verified against
 * the probe's trust (the JDK's roots or headprobe.probe.trust-store-file), on a worker thread,
 * within the handshake timeout and what is left of the scan's time.
 */
@ApplicationScoped
public class JdkCertificateInspector implements CertificateInspector {

    private final ProbeTls tls;
    private final TlsScanConfig config;

    @Inject
    public JdkCertificateInspector(ProbeTls tls, TlsScanConfig config) {
        this.tls = tls;
        this.config = config;
    }

    @Override
    public Uni<TlsScan.CertificateFacts> inspect(InetSocketAddress address, String host, long deadlineNanos) {
        return Uni.createFrom().item(() -> check(address, host, deadlineNanos))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private TlsScan.CertificateFacts check(InetSocketAddress address, String host, long deadlineNanos) {
        Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
        if (left.toMillis() < 1) {
            return null;
        }
        Duration timeout = left.compareTo(config.handshakeTimeout()) < 0 ? left : config.handshakeTimeout();
        try {
            return CertificateCheck.check(address, host, tls.trust(), timeout);
        } catch (IOException e) {
            // The engine reached the server a moment ago; now it does not answer: no certificate, as documented.
            return null;
        }
    }
}
