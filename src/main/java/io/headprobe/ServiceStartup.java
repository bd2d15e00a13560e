package io.headprobe;

import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import io.headprobe.access.ApiKeys;
import io.headprobe.access.ClientLimits;
import io.headprobe.access.Clients;
import io.headprobe.blackbox.BlackboxModules;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.StartupEvent;

/**
 * The service's start: Quarkus only ever runs as the service (a command such as {@code headprobe
 * probe} makes the few beans it needs by hand, see io.headprobe.cli.CommandBeans). The service
 * creates the beans that read its files (blackbox modules, API keys, client limits) at start-up,
 * so that a bad file stops it at once, and fires {@link ServiceStart}.
 */
@ApplicationScoped
public class ServiceStartup {

    void start(@Observes StartupEvent startup, BlackboxModules blackbox, ApiKeys keys, Clients clients,
            ClientLimits limits, Event<ServiceStart> service) {
        // Injected as client proxies: unwrapping creates each bean now, as @Startup would.
        Stream.of(blackbox, keys, clients, limits).forEach(ClientProxy::unwrap);
        service.fire(new ServiceStart());
    }
}
