package io.headprobe.access;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.time.ZoneId;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.headprobe.http.RouteOrder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One line per request, in logfmt
 * ({@code method=GET path=/probe status=200 durationMs=12.5 client=203.0.113.9 targets=3}). By
 * default the lines go to standard output in batches written by one thread ({@link LineQueue}):
 * far cheaper than a log record per request, and a blocked standard output never holds an event
 * loop (bench/results/accesslog.md). With {@code headprobe.access-log.output=logger}, or with
 * JSON logs, they go to the logger {@code io.headprobe.access}; for JSON the same fields go to the
 * MDC, so they appear as fields. Either way the logger's level decides whether lines are written.
 * The path is logged without its query, and no header ever is: API keys stay out of logs.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("io.headprobe.access");
    private static final List<String> FIELDS = List.of("method", "path", "status", "durationMs", "client", "targets");
    /** Where a request's target count waits for its line, in the routing context. */
    private static final String TARGETS = "headprobe.targets";

    @Inject
    Clients clients;

    @Inject
    AccessLogConfig config;

    @Inject
    MeterRegistry registry;

    /** The fields go to the MDC only for JSON logs: in a text line they are already there, and the MDC costs. */
    @ConfigProperty(name = "quarkus.log.console.json.enabled", defaultValue = "false")
    boolean json;

    /** Null when lines go to the logger. */
    private LineQueue batched;

    void register(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        if (config.output() == AccessLogConfig.Output.STDOUT && !json) {
            batched = new LineQueue(new BatchedLines(new FileOutputStream(FileDescriptor.out), config.batchBytes(),
                    ZoneId.systemDefault()), config.queueLines(), config.flushInterval());
            FunctionCounter.builder("headprobe.access.log.dropped", batched, LineQueue::dropped)
                    .description("Access log lines dropped because standard output did not keep up")
                    .register(registry);
        }
        router.route().order(RouteOrder.ACCESS_LOG).handler(this::watch);
    }

    void flush(@Observes ShutdownEvent shutdown) {
        if (batched != null) {
            batched.close();
        }
    }

    private void watch(RoutingContext routing) {
        if (LOG.isInfoEnabled()) {
            long start = System.nanoTime();
            routing.addEndHandler(ended -> log(routing, start, ended.succeeded()));
        }
        routing.next();
    }

    /** How many targets this request fetches, for its line; a stream's count may grow as it goes. */
    static void countTargets(RoutingContext routing, Number count) {
        routing.put(TARGETS, count);
    }

    private void log(RoutingContext routing, long start, boolean completed) {
        // Runs on the event loop once per request: plain appends, no streams, boxing or double formatting;
        // the line is written by LineQueue's thread.
        long tenths = (System.nanoTime() - start + 50_000) / 100_000;
        Number targets = routing.get(TARGETS);
        String[] values = {
                routing.request().method().name(),
                routing.normalizedPath(),
                completed ? Integer.toString(routing.response().getStatusCode()) : "aborted",
                (tenths / 10) + "." + (tenths % 10),
                clients.identify(routing),
                targets == null ? "0" : Integer.toString(targets.intValue()) };
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
        if (batched != null) {
            batched.offer(System.currentTimeMillis(), line);
            return;
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

    /**
     * Quotes a value with spaces, quotes or anything outside printable ASCII, escaping the latter, so
     * that one request stays one parseable line and nothing in it reaches a terminal as a control.
     */
    private static StringBuilder appendLogfmt(StringBuilder line, String value) {
        if (plain(value)) {
            return line.append(value);
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < ' ' || c >= 127) {
                // Control characters (C0, DEL and C1 too, which terminals act on) and all non-ASCII.
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
