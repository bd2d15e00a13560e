package io.headprobe.probe;

import io.smallrye.mutiny.Uni;

/**
 * The TLS scan a probe makes after its fetches when its options ask for one. The prober knows only
 * this interface: the scan itself lives in io.headprobe.tls, which uses the prober's permits, so the
 * bean that joins the two ({@code io.headprobe.posture.ProbeTlsScan}) sits above both packages.
 */
public interface TlsScanStep {

    /** What one TLS scan costs against a client's limits, in fetches. */
    int cost();

    /**
     * @param result the probe's result, its fetches done
     * @param deadlineNanos the probe's own deadline (a System.nanoTime()): the scan shares the probe's
     *        timeout and stops there with what it knows
     * @return the result with its {@code tlsScan}, or as it was when its final URL is not https
     */
    Uni<ProbeResult> scan(ProbeResult result, long deadlineNanos);
}
