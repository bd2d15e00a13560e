package io.headprobe.blackbox;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.headprobe.blackbox.dns.DnsModule;
import io.headprobe.blackbox.tcp.TcpModule;

import io.quarkus.runtime.Startup;

/**
 * The blackbox modules /probe may name, read once at start-up from
 * {@code headprobe.blackbox.config-file}. A file HeadProbe cannot honour stops start-up (see
 * {@link BlackboxFile}), so no probe ever runs with a check left out.
 */
@Startup
@ApplicationScoped
public class BlackboxModules {

    private static final Logger LOG = Logger.getLogger(BlackboxModules.class);

    @Inject
    BlackboxConfig config;

    private BlackboxFile file;

    @PostConstruct
    void load() {
        file = load(config.configFile().map(Path::of));
    }

    /** Without a file: blackbox's built-in http_2xx, as blackbox itself offers with no config. */
    static BlackboxFile load(Optional<Path> file) {
        if (file.isEmpty()) {
            return new BlackboxFile(Map.of("http_2xx", Module.http2xx()), Map.of(), Map.of());
        }
        BlackboxFile blackbox = BlackboxFile.read(file.get());
        if (!blackbox.refused().isEmpty()) {
            // One line, so that an operator sees every module whose scrapes will answer 400, and why.
            LOG.warnf("Blackbox modules HeadProbe does not run (a scrape naming one answers 400): %s",
                    blackbox.refused().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                            .collect(Collectors.joining("; ")));
        }
        if (blackbox.modules().isEmpty() && blackbox.tcp().isEmpty() && blackbox.dns().isEmpty()) {
            LOG.warnf("%s has no http, tcp or dns module: every /probe will name an unknown module", file.get());
        } else {
            LOG.infof("Blackbox modules from %s: %s", file.get(),
                    String.join(", ", Stream.of(blackbox.modules(), blackbox.tcp(), blackbox.dns())
                            .flatMap(modules -> modules.keySet().stream()).toList()));
        }
        return blackbox;
    }

    /** An http module. */
    public Optional<Module> module(String name) {
        return Optional.ofNullable(file.modules().get(name));
    }

    public Optional<TcpModule> tcp(String name) {
        return Optional.ofNullable(file.tcp().get(name));
    }

    public Optional<DnsModule> dns(String name) {
        return Optional.ofNullable(file.dns().get(name));
    }

    /** Why HeadProbe does not run the module of this name (its prober's); empty for any other name. */
    public Optional<String> refusal(String name) {
        return Optional.ofNullable(file.refused().get(name));
    }

    /** The http modules, in the file's order. */
    public Collection<Module> all() {
        return file.modules().values();
    }
}
