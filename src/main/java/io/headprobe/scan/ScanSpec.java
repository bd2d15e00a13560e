package io.headprobe.scan;

/**
 * A scan as submitted, before its targets: its name and the probe options as the request gave
 * them (JSON of a ProbeRequest without targets), validated again by the worker that runs a chunk.
 */
record ScanSpec(String name, String options) {
}
