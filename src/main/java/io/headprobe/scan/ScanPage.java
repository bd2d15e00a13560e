package io.headprobe.scan;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of GET /scans, newest first; {@code nextOffset} is null on the last page. */
@RegisterForReflection
public record ScanPage(List<Scan> scans, Integer nextOffset) {
}
