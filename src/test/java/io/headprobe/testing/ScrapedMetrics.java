package io.headprobe.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Prometheus text format read back: each metric's type and its samples by label set. */
public final class ScrapedMetrics {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    public record Sample(Map<String, String> labels, double value) {
    }

    public final Map<String, String> types = new TreeMap<>();
    public final Map<String, java.util.List<Sample>> samples = new TreeMap<>();

    public static ScrapedMetrics parse(String text) {
        ScrapedMetrics metrics = new ScrapedMetrics();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                metrics.types.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException("not a sample line: " + line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                metrics.samples.computeIfAbsent(m.group(1), k -> new java.util.ArrayList<>())
                        .add(new Sample(labels, Double.parseDouble(m.group(4))));
            }
        }
        return metrics;
    }

    /** The value of the metric's only (or first) sample, or null when absent. */
    public Double value(String name) {
        var list = samples.get(name);
        return list == null || list.isEmpty() ? null : list.get(0).value();
    }
}
