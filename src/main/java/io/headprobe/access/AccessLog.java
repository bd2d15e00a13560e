package io.headprobe.access;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One line per request on the logger {@code io.headprobe.access}, in logfmt
 * ({@code method=GET path=/probe status=200 durationMs=12.5 client=203.0.113.9 targets=3}); the same
 * fields go to the MDC, so JSON logging ({@code quarkus.log.console.json.enabled=true}) shows them as
 * fields. The path is logged without its query, and no header ever is: API keys stay out of logs.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("io.headprobe.access");
    private static final List<String> FIELDS = List.of("method", "path", "status", "durationMs", "client", "targets");

    @Inject
    Clients clients;

    @ConfigProperty(name = "headprobe.access-log.enabled", defaultValue = "true")
    boolean enabled;

    /** The fields go to the MDC only for JSON logs: in a text line they are already there, and the MDC costs. */
    @ConfigProperty(name = "quarkus.log.console.json.enabled", defaultValue = "false")
    boolean json;

    void register(@Observes Router router) {
        if (!enabled) {
            return;
        }
        router.route().order(Integer.MIN_VALUE).handler(this::watch);
    }

    private void watch(RoutingContext routing) {
        if (LOG.isInfoEnabled()) {
            long start = System.nanoTime();
            routing.addEndHandler(ended -> log(routing, start, ended.succeeded()));
        }
        routing.next();
    }

    private void log(RoutingContext routing, long start, boolean completed) {
        // Runs on the event loop once per request: plain appends, no streams, boxing or double formatting.
        long tenths = (System.nanoTime() - start + 50_000) / 100_000;
        Integer targets = Clients.targets(routing);
        String[] values = {
                routing.request().method().name(),
                routing.normalizedPath(),
                completed ? Integer.toString(routing.response().getStatusCode()) : "aborted",
                (tenths / 10) + "." + (tenths % 10),
                clients.identify(routing),
                targets == null ? "0" : targets.toString() };
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(' ');
            }
            line.append(FIELDS.get(i)).append('=');
            appendLogfmt(line, values[i]);
            if (json) {
                MDC.put(FIELDS.get(i), values[i]);
            }
        }
        try {
            LOG.info(line.toString());
        } finally {
            if (json) {
                FIELDS.forEach(MDC::remove);
            }
        }
    }

    static String logfmt(String value) {
        return appendLogfmt(new StringBuilder(value.length() + 2), value).toString();
    }

    /** Quotes a value with spaces, quotes or control characters, so one request stays one parseable line. */
    private static StringBuilder appendLogfmt(StringBuilder line, String value) {
        if (plain(value)) {
            return line.append(value);
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < ' ' || c == 127) {
                line.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        return line.append('"');
    }

    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c == '=' || c >= 127) {
                return false;
            }
        }
        return !value.isEmpty();
    }
}
