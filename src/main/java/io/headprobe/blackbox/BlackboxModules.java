package io.headprobe.blackbox;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.headprobe.blackbox.dns.DnsModule;
import io.headprobe.blackbox.grpc.GrpcModule;
import io.headprobe.blackbox.tcp.TcpModule;
import io.headprobe.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.quarkus.runtime.Startup;

/**
 * The blackbox modules /probe may name, read at start-up from {@code headprobe.blackbox.config-file}
 * and again on {@link #reload()} ({@code POST /-/reload}, SIGHUP). A file HeadProbe cannot honour
 * stops start-up (see {@link BlackboxFile}), so no probe ever runs with a check left out; on a
 * reload it keeps the modules loaded before. A reload swaps the whole set at once: a scrape that
 * already holds its module finishes with it.
 */
@Startup
@ApplicationScoped
public class BlackboxModules {

    private static final Logger LOG = Logger.getLogger(BlackboxModules.class);

    @Inject
    BlackboxConfig config;

    @Inject
    MeterRegistry registry;

    /** The modules, and the file as /config shows it. */
    private record Loaded(BlackboxFile file, String page) {
    }

    private volatile Loaded loaded;

    /** blackbox's reload gauges: 1 or 0, and the time of the last good load in seconds. */
    private final AtomicLong lastReloadSuccessful = new AtomicLong();
    private final AtomicLong lastReloadSuccessMillis = new AtomicLong();

    private Counter unknownModules;

    @PostConstruct
    void load() {
        loaded = read();
        succeeded();
        Gauge.builder("blackbox.exporter.config.last.reload.successful", lastReloadSuccessful, AtomicLong::get)
                .description("Blackbox exporter config loaded successfully").register(registry);
        Gauge.builder("blackbox.exporter.config.last.reload.success.timestamp.seconds", lastReloadSuccessMillis,
                millis -> millis.get() / 1000.0)
                .description("Timestamp of the last successful configuration reload.").register(registry);
        unknownModules = Counter.builder("blackbox.module.unknown")
                .description("Count of unknown modules requested by probes").register(registry);
    }

    /**
     * Reads the file again; a file HeadProbe cannot honour leaves the modules as they were.
     *
     * @throws BlackboxConfigException saying what is wrong with the file (it is logged too)
     */
    public synchronized void reload() {
        try {
            loaded = read();
        } catch (BlackboxConfigException e) {
            lastReloadSuccessful.set(0);
            LOG.errorf("Error reloading the blackbox config, the modules loaded before stay: %s", e.getMessage());
            throw e;
        }
        succeeded();
        LOG.info("Reloaded the blackbox config");
    }

    private void succeeded() {
        lastReloadSuccessful.set(1);
        lastReloadSuccessMillis.set(System.currentTimeMillis());
    }

    private Loaded read() {
        Optional<Path> path = config.configFile().map(Path::of);
        if (path.isEmpty()) {
            return new Loaded(load(path, null), ConfigPage.BUILT_IN);
        }
        String text = BlackboxFile.text(path.get());
        return new Loaded(load(path, text), ConfigPage.of(text));
    }

    /** The loaded modules as YAML, secrets masked: what GET /config shows. */
    public String page() {
        return loaded.page();
    }

    /** Counts a scrape naming a module there is none of, and answers it with blackbox's 400. */
    public ProblemException unknown(String name) {
        unknownModules.increment();
        return new ProblemException(400, "Unknown module \"" + name + "\"");
    }

    /** Without a file: blackbox's built-in http_2xx, as blackbox itself offers with no config. */
    static BlackboxFile load(Optional<Path> file) {
        return load(file, file.map(BlackboxFile::text).orElse(null));
    }

    /** @param text the file's text, read once: /config shows the very text that was parsed */
    private static BlackboxFile load(Optional<Path> file, String text) {
        if (file.isEmpty()) {
            return new BlackboxFile(Map.of("http_2xx", Module.http2xx()), Map.of(), Map.of());
        }
        BlackboxFile blackbox = BlackboxFile.parse(file.get(), text);
        if (!blackbox.refused().isEmpty()) {
            // One line, so that an operator sees every module whose scrapes will answer 400, and why.
            LOG.warnf("Blackbox modules HeadProbe does not run (a scrape naming one answers 400): %s",
                    blackbox.refused().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                            .collect(Collectors.joining("; ")));
        }
        if (blackbox.modules().isEmpty() && blackbox.tcp().isEmpty() && blackbox.dns().isEmpty() && blackbox.grpc().isEmpty()) {
            LOG.warnf("%s has no http, tcp, dns or grpc module: every /probe will name an unknown module", file.get());
        } else {
            LOG.infof("Blackbox modules from %s: %s", file.get(),
                    String.join(", ", Stream.of(blackbox.modules(), blackbox.tcp(), blackbox.dns(), blackbox.grpc())
                            .flatMap(modules -> modules.keySet().stream()).toList()));
        }
        return blackbox;
    }

    /** An http module. */
    public Optional<Module> module(String name) {
        return Optional.ofNullable(loaded.file().modules().get(name));
    }

    public Optional<TcpModule> tcp(String name) {
        return Optional.ofNullable(loaded.file().tcp().get(name));
    }

    public Optional<DnsModule> dns(String name) {
        return Optional.ofNullable(loaded.file().dns().get(name));
    }

    public Optional<GrpcModule> grpc(String name) {
        return Optional.ofNullable(loaded.file().grpc().get(name));
    }

    /** Why HeadProbe does not run the module of this name (its prober's); empty for any other name. */
    public Optional<String> refusal(String name) {
        return Optional.ofNullable(loaded.file().refused().get(name));
    }

    /** The http modules, in the file's order. */
    public Collection<Module> all() {
        return loaded.file().modules().values();
    }
}
