package io.headprobe.tls;

import io.headprobe.tls.model.TlsScan;

import java.net.InetSocketAddress;

import io.smallrye.mutiny.Uni;

/**
 * The certificate side of a TLS scan, which hellos alone cannot see (TLS 1.3 encrypts it): a bean
 * of this type, when there is one, is asked after the engine's handshakes, with the same address,
 * name and deadline. {@link TlsScans} puts its answer in {@link TlsScan#certificate()}.
 */
public interface CertificateInspector {

    /** The facts, or null when no handshake got that far. */
    Uni<TlsScan.CertificateFacts> inspect(InetSocketAddress address, String host, long deadlineNanos);
}
