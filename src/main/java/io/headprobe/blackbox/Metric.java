package io.headprobe.blackbox;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metric family of a probe's answer: its name, HELP text and samples. Every probe metric is a
 * gauge, as in blackbox_exporter, so the type is not carried.
 */
public record Metric(String name, String help, List<Sample> samples) {

    public Metric {
        samples = List.copyOf(samples);
    }

    /** A family with one unlabelled sample. */
    public static Metric gauge(String name, String help, double value) {
        return new Metric(name, help, List.of(new Sample(Map.of(), value)));
    }

    /** A family with one labelled sample, usually an "_info" metric whose value is 1. */
    public static Metric gauge(String name, String help, Map<String, String> labels, double value) {
        return new Metric(name, help, List.of(new Sample(labels, value)));
    }

    /** One line of the family: label name to value (kept sorted by name, as Prometheus' clients write them). */
    public record Sample(Map<String, String> labels, double value) {

        public Sample {
            labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        }
    }
}
