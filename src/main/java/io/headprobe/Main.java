package io.headprobe;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import sun.misc.Signal;

/**
 * Starts HeadProbe and makes SIGTERM a normal, graceful stop: readiness turns DOWN, in-flight
 * requests (streams included) get up to quarkus.shutdown.timeout to finish, and the process exits
 * 0 instead of the JVM's 143, so container runtimes and supervisors see a clean exit.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    public static void main(String... args) {
        Quarkus.run(Main.class, args);
    }

    @Override
    public int run(String... args) {
        // Replaces the handler Quarkus installs in native mode (exit 128 + signal) and the JVM's default.
        Signal.handle(new Signal("TERM"), signal -> Quarkus.asyncExit(0));
        Quarkus.waitForExit();
        return 0;
    }
}
