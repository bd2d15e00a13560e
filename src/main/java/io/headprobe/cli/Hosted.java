package io.headprobe.cli;

import java.util.Map;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.probe.ProbeRequests;
import io.headprobe.probe.Prober;
import io.headprobe.problem.ProblemException;
import io.headprobe.tls.TlsScans;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/**
 * Runs one command inside Quarkus, with the service's beans (the prober, its request checks, the
 * JSON mapper) but without its listening port: the HTTP server's host is disabled, logs go to
 * standard error (standard output carries results) and only warnings are logged.
 */
@Dependent
@Unremovable
public class Hosted implements QuarkusApplication {

    @FunctionalInterface
    interface Task {
        int run(Hosted beans) throws Exception;
    }

    /** Set once, before Quarkus starts: Quarkus creates the application itself. */
    private static volatile Task task;

    @Inject
    Prober prober;

    @Inject
    ProbeRequests requests;

    @Inject
    ObjectMapper json;

    @Inject
    TlsScans tlsScans;

    /** Starts Quarkus with this configuration on top of the usual, runs the task, stops; the task's exit code. */
    static int run(Map<String, String> configuration, Task command) {
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("quarkus.log.console.stderr", "true");
        System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
        System.setProperty("quarkus.banner.enabled", "false");
        // A command starts no scan subsystem, even with the service's database configured: no worker
        // (it would claim chunks and exit with them), no connection, no migrations; scans stay in memory.
        System.setProperty("headprobe.scan.workers", "0");
        System.setProperty("quarkus.datasource.active", "false");
        configuration.forEach(System::setProperty);
        task = command;
        int[] exit = { Cli.USAGE };
        Quarkus.run(Hosted.class, (code, failure) -> {
            if (failure != null) {
                System.err.println("headprobe: could not start: " + failure.getMessage());
            }
            exit[0] = failure != null ? Cli.USAGE : code;
        });
        return exit[0];
    }

    @Override
    public int run(String... args) throws Exception {
        int exit = runTask();
        // A command has nothing to hand over at exit (its output is written and flushed), so it
        // halts instead of spending ~50 ms in the graceful shutdown the service needs.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exit);
        return exit;
    }

    private int runTask() throws Exception {
        try {
            return task.run(this);
        } catch (ProblemException e) {
            // The service's own checks of the options: a bad value is a usage error here.
            System.err.println("headprobe: " + e.getMessage());
            return Cli.USAGE;
        } catch (RuntimeException e) {
            // Unreadable input and the like: one line, not Quarkus' report of a crashed application.
            System.err.println("headprobe: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return Cli.USAGE;
        }
    }
}
