package io.headprobe.blackbox.tcp;

import java.util.List;

import com.google.re2j.Pattern;

/**
 * One entry of a tcp module's {@code query_response}, done in blackbox's order: read lines until
 * one matches {@code expect}, or read {@code expectBytes}; then write {@code send} and a line feed
 * ({@code ${1}} in it is the match's group); then {@code starttls}.
 *
 * @param expect null when the step expects no line
 * @param expectBytes null when the step expects no bytes
 * @param labels probe_expect_info's labels, their values expanded like {@code send}; empty for none
 * @param send null or empty when the step sends nothing
 * @param sendsBytes {@code send} came as YAML's !!binary: each char is a byte (ISO-8859-1), sent as it is
 */
public record QueryStep(Pattern expect, byte[] expectBytes, List<Label> labels, String send, boolean startTls,
        boolean sendsBytes) {

    public QueryStep {
        labels = List.copyOf(labels);
    }

    /** A step whose send is text, sent as UTF-8. */
    public QueryStep(Pattern expect, byte[] expectBytes, List<Label> labels, String send, boolean startTls) {
        this(expect, expectBytes, labels, send, startTls, false);
    }

    /** One label of probe_expect_info: its name, and a value that may refer to the match's groups. */
    public record Label(String name, String value) {
    }
}
