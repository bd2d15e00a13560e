package io.headprobe.blackbox;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

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

    private Map<String, Module> modules;

    @PostConstruct
    void load() {
        modules = load(config.configFile().map(Path::of));
    }

    /** Without a file: blackbox's built-in http_2xx, as blackbox itself offers with no config. */
    static Map<String, Module> load(Optional<Path> file) {
        if (file.isEmpty()) {
            return Map.of("http_2xx", Module.http2xx());
        }
        BlackboxFile blackbox = BlackboxFile.read(file.get());
        if (!blackbox.skipped().isEmpty()) {
            LOG.infof("Blackbox modules left out (HeadProbe runs only prober: http): %s",
                    blackbox.skipped().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                            .collect(Collectors.joining(", ")));
        }
        if (blackbox.modules().isEmpty()) {
            LOG.warnf("%s has no http module: every /probe will name an unknown module", file.get());
        } else {
            LOG.infof("Blackbox modules from %s: %s", file.get(), String.join(", ", blackbox.modules().keySet()));
        }
        return blackbox.modules();
    }

    public Optional<Module> module(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    /** In the file's order. */
    public Collection<Module> all() {
        return modules.values();
    }
}
