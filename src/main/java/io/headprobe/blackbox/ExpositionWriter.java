package io.headprobe.blackbox;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes metric families as Prometheus text 0.0.4 or OpenMetrics 1.0.0, the way Go's client
 * library does for blackbox_exporter: families in name order, each with HELP then TYPE, samples in
 * label order. Label values and HELP texts come from servers we do not control (certificate
 * subjects, header values), so everything is escaped: in label values backslash, double quote and
 * line feed in both formats; in HELP backslash and line feed, plus double quote in OpenMetrics,
 * whose grammar has no bare quote there while 0.0.4 has no {@code \"} escape.
 */
public final class ExpositionWriter {

    private static final Comparator<Metric.Sample> BY_LABELS = (a, b) -> compare(a.labels(), b.labels());

    private ExpositionWriter() {
    }

    public static String write(List<Metric> metrics, ExpositionFormat format) {
        StringBuilder out = new StringBuilder();
        metrics.stream().sorted(Comparator.comparing(Metric::name)).forEach(metric -> {
            if (metric.samples().isEmpty()) {
                return; // As Go's client: a family without samples is not written at all.
            }
            out.append("# HELP ").append(metric.name()).append(' ')
                    .append(escape(metric.help(), format == ExpositionFormat.OPENMETRICS)).append('\n');
            out.append("# TYPE ").append(metric.name()).append(" gauge\n");
            metric.samples().stream().sorted(BY_LABELS).forEach(sample -> {
                out.append(metric.name());
                if (!sample.labels().isEmpty()) {
                    out.append('{');
                    String separator = "";
                    for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                        out.append(separator).append(label.getKey()).append("=\"").append(escape(label.getValue(), true))
                                .append('"');
                        separator = ",";
                    }
                    out.append('}');
                }
                out.append(' ').append(format == ExpositionFormat.OPENMETRICS
                        ? GoFloat.formatOpenMetrics(sample.value())
                        : GoFloat.format(sample.value())).append('\n');
            });
        });
        if (format == ExpositionFormat.OPENMETRICS) {
            out.append("# EOF\n");
        }
        return out.toString();
    }

    static String escape(String text, boolean quotes) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(quotes ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Label sets compared value by value, in label-name order (both maps are sorted by name). */
    private static int compare(Map<String, String> a, Map<String, String> b) {
        var left = a.entrySet().iterator();
        var right = b.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            var l = left.next();
            var r = right.next();
            int byName = l.getKey().compareTo(r.getKey());
            if (byName != 0) {
                return byName;
            }
            int byValue = l.getValue().compareTo(r.getValue());
            if (byValue != 0) {
                return byValue;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }
}
