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
 * The service or a command: a command ({@code headprobe probe}, {@code audit}) boots Quarkus for the
 * prober and its checks only. So nothing of the service starts there: no blackbox module file, API
 * keys file or client limits are read, no scan store is opened, no timer runs, and a service file
 * that cannot be read does not stop a command that never uses it. Only the service creates those
 * beans at start-up (so that a bad file stops it at once) and fires {@link ServiceStart}.
 */
@ApplicationScoped
public class RunMode {

    /** Set before Quarkus starts, by the command about to run. */
    private static volatile boolean command;

    public static void command() {
        command = true;
    }

    public static boolean isCommand() {
        return command;
    }

    void start(@Observes StartupEvent startup, BlackboxModules blackbox, ApiKeys keys, Clients clients,
            ClientLimits limits, Event<ServiceStart> service) {
        if (command) {
            return;
        }
        // Injected as client proxies: unwrapping creates each bean now, as @Startup would.
        Stream.of(blackbox, keys, clients, limits).forEach(ClientProxy::unwrap);
        service.fire(new ServiceStart());
    }
}
