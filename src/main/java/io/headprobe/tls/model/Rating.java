package io.headprobe.tls.model;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A grade in the manner of Qualys SSL Labs' SSL Server Rating Guide: a numeric score from protocol
 * support, key exchange and cipher strength, then the caps that apply, each named.
 *
 * @param grade "A+", "A", "A-", "B", "C", "D", "E", "F", "T" (trust failure), or "M" (name mismatch)
 * @param score 0-100, the weighted score before caps (30 % protocol, 30 % key exchange, 40 % cipher)
 * @param protocolScore 0-100
 * @param keyExchangeScore 0-100
 * @param cipherScore 0-100
 * @param caps every rule that lowered or set the grade, in words, e.g. "TLS 1.0 or 1.1 accepted: capped at B"
 */
@RegisterForReflection
public record Rating(String grade, int score, int protocolScore, int keyExchangeScore, int cipherScore,
        List<String> caps) {
}
