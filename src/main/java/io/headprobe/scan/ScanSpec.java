package io.headprobe.scan;

/**
 * A scan as submitted, before its targets: its name, the probe options as the request gave them
 * (JSON of a ProbeRequest without targets, validated again by the worker that runs a chunk), and
 * the client that submitted it: its API key when keys are configured (the scan's owner, who alone
 * may read it), else its address, as per-client limits count it.
 */
record ScanSpec(String name, String options, String client) {
}
