package io.headprobe.scan;

/**
 * A scan as submitted, before its targets: its name, its probe options (JSON of StoredOptions; scans
 * taken before that hold the request's ProbeRequest without targets), and the client that submitted
 * it: its API key when keys are configured (the scan's owner, who alone may read it), else its
 * address, as per-client limits count it.
 */
record ScanSpec(String name, String options, String client) {
}
