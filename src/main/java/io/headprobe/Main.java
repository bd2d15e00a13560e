package io.headprobe;

import java.util.Arrays;

import org.jboss.logging.Logger;

import io.headprobe.blackbox.BlackboxConfigException;
import io.headprobe.blackbox.BlackboxModules;
import io.headprobe.cli.Cli;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import sun.misc.Signal;

/**
 * One binary, two faces: with no arguments (or {@code serve}) HeadProbe runs as a service; with a
 * command ({@code probe}, {@code audit}, {@code --help}, {@code --version}) it runs that command
 * and exits, opening no port (see {@link Cli}). Anything else is a usage error: a mistyped command
 * must not start a server listening on every interface.
 *
 * <p>As a service, SIGTERM is a normal, graceful stop: readiness turns DOWN, in-flight requests
 * (streams included) get up to quarkus.shutdown.timeout to finish, and the process exits 0 instead
 * of the JVM's 143, so container runtimes and supervisors see a clean exit. SIGHUP reloads the
 * blackbox config, as it does blackbox_exporter's.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    public static void main(String... args) {
        if (!Cli.isService(args)) {
            System.exit(Cli.executeAsProcess(args));
        }
        boolean serve = args.length > 0 && args[0].equals("serve");
        Quarkus.run(Main.class, serve ? Arrays.copyOfRange(args, 1, args.length) : args);
    }

    @Override
    public int run(String... args) {
        // Replaces the handler Quarkus installs in native mode (exit 128 + signal) and the JVM's default.
        Signal.handle(new Signal("TERM"), signal -> Quarkus.asyncExit(0));
        // As blackbox_exporter: SIGHUP re-reads the blackbox config; a bad file is logged and the old modules stay.
        try {
            Signal.handle(new Signal("HUP"), signal -> reloadBlackbox());
        } catch (IllegalArgumentException e) {
            // The JVM keeps HUP to itself under -Xrs: POST /-/reload still works.
            Logger.getLogger(Main.class).warnf("SIGHUP will not reload the blackbox config: %s", e.getMessage());
        }
        Quarkus.waitForExit();
        return 0;
    }

    private static void reloadBlackbox() {
        try {
            Arc.container().instance(BlackboxModules.class).get().reload();
        } catch (BlackboxConfigException e) {
            // Already logged by reload(); the signal thread has no one else to tell.
        }
    }
}
