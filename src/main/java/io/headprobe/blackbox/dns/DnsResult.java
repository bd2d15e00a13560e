package io.headprobe.blackbox.dns;

/**
 * What one dns probe found, for blackbox's metrics.
 *
 * @param dnsSeconds the time resolving the DNS server's name took
 * @param address the DNS server's address the query went to; null when there was none
 * @param resolveSeconds probe_dns_duration_seconds{phase="resolve"}: as dnsSeconds, 0 when resolving failed
 * @param querySucceeded whether a response came back (whatever its code)
 * @param serial the last SOA serial in the answer; null when the query is not for SOA or got no response
 * @param log what happened, for debug=true
 */
public record DnsResult(boolean success, double dnsSeconds, String address, double resolveSeconds, double connectSeconds,
        double requestSeconds, boolean querySucceeded, int answerRrs, int authorityRrs, int additionalRrs, Long serial,
        String log) {

    static DnsResult failed(double dnsSeconds, String address, double resolveSeconds, double connectSeconds,
            double requestSeconds, String log) {
        return new DnsResult(false, dnsSeconds, address, resolveSeconds, connectSeconds, requestSeconds, false, 0, 0, 0, null,
                log);
    }
}
