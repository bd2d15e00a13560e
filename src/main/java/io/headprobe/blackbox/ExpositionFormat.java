package io.headprobe.blackbox;

import java.util.Locale;

/** The two text formats a Prometheus scrape understands, with the Content-Type each is served under. */
public enum ExpositionFormat {

    /** Prometheus text format 0.0.4: what blackbox_exporter always answers, whatever the Accept header says. */
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),

    /** OpenMetrics 1.0.0: quotes escaped in HELP, floats always with a dot, "# EOF" at the end. */
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

    private final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * OpenMetrics only for a client that names it (Prometheus does, with a higher q than text/plain),
     * and only version 1.0.0 or no version; everything else, a missing header included, gets the
     * 0.0.4 text that every Prometheus and promtool reads. Media ranges with q=0 are refusals.
     */
    public static ExpositionFormat forAccept(String accept) {
        if (accept == null) {
            return PROMETHEUS_TEXT;
        }
        double openMetrics = 0;
        double text = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            String version = null;
            for (int i = 1; i < parts.length; i++) {
                String[] parameter = parts[i].split("=", 2);
                String key = parameter[0].trim().toLowerCase(Locale.ROOT);
                String value = parameter.length > 1 ? parameter[1].trim() : "";
                if (key.equals("q")) {
                    q = parseQ(value);
                } else if (key.equals("version")) {
                    version = value;
                }
            }
            if (type.equals("application/openmetrics-text") && (version == null || version.equals("1.0.0"))) {
                openMetrics = Math.max(openMetrics, q);
            } else if (type.equals("text/plain") || type.equals("text/*") || type.equals("*/*")) {
                text = Math.max(text, q);
            }
        }
        return openMetrics > 0 && openMetrics >= text ? OPENMETRICS : PROMETHEUS_TEXT;
    }

    private static double parseQ(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
