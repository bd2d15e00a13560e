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
        Integer targets = Clients.targets(routing);
        List<Object> values = List.of(
                routing.request().method().name(),
                routing.normalizedPath(),
                completed ? routing.response().getStatusCode() : "aborted",
                Math.round((System.nanoTime() - start) / 1e5) / 10.0,
                clients.identify(routing),
                targets == null ? 0 : targets);
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < FIELDS.size(); i++) {
            String value = String.valueOf(values.get(i));
            line.append(i == 0 ? "" : " ").append(FIELDS.get(i)).append('=').append(logfmt(value));
            if (json) {
                MDC.put(FIELDS.get(i), value);
            }
        }
        try {
            LOG.info(line);
        } finally {
            if (json) {
                FIELDS.forEach(MDC::remove);
            }
        }
    }

    /** Quotes a value with spaces, quotes or control characters, so one request stays one parseable line. */
    static String logfmt(String value) {
        if (!value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c < 127)) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        value.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append((char) c);
            } else if (c < ' ' || c == 127) {
                quoted.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                quoted.append((char) c);
            }
        });
        return quoted.append('"').toString();
    }
}
