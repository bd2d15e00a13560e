package io.headprobe.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;

import picocli.CommandLine;

/**
 * HeadProbe on the command line: {@code headprobe probe [OPTIONS] [TARGET...]} and
 * {@code headprobe audit --headers FILE}. A command never starts Quarkus: it runs with the service's
 * beans made by hand ({@link CommandBeans}), so it starts as fast as curl, opens no port and
 * starts nothing of the service.
 *
 * <p>picocli parses; its annotation processor (picocli-codegen) writes the reflection
 * configuration the native image needs for the annotated commands.
 */
public final class Cli {

    /** Exit code of a usage or input error (picocli's own for usage errors). */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private Cli() {
    }

    /**
     * Whether these arguments ask for the service: none, {@code serve ...}, or only system
     * properties ({@code -Dkey=value}, which the native executable's runtime normally takes
     * before {@code main} sees them).
     */
    public static boolean isService(String... args) {
        return args.length == 0 || args[0].equals("serve") || Arrays.stream(args).allMatch(arg -> arg.startsWith("-D"));
    }

    /** Runs the command the arguments name as this process's only work; returns its exit code. */
    public static int executeAsProcess(String... args) {
        commandDefaults();
        return execute(args);
    }

    /**
     * Netty's and Vert.x's defaults are made for a server that runs for weeks; a command may probe
     * one URL in 15 ms, and these cost a good part of it (bench/cli.sh), unless set otherwise with
     * -D: pooled chunks of 64 KiB, not 4 MiB (the first chunk and the size classes of a 4 MiB one
     * are set up before the first byte is read); a channel id that does not read every network
     * interface's MAC address; no address resolver of Vert.x's own, which reads the hosts file and
     * resolv.conf again: the prober resolves names itself and connects to addresses.
     */
    private static void commandDefaults() {
        Map<String, String> defaults = Map.of(
                "io.netty.allocator.maxOrder", "3",
                "io.netty.machineId", "00:00:00:00:00:00:00:01",
                "io.netty.processId", Long.toString(ProcessHandle.current().pid()),
                "vertx.disableDnsResolver", "true");
        defaults.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    /** Runs the command the arguments name; returns the process's exit code. */
    public static int execute(String... args) {
        CommandLine commandLine = commandLine();
        if (!args[0].startsWith("-") && !commandLine.getSubcommands().containsKey(args[0])) {
            PrintWriter err = commandLine.getErr();
            err.println("headprobe: unknown command '" + args[0] + "' (commands: serve, "
                    + String.join(", ", commandLine.getSubcommands().keySet()) + "; see headprobe --help)");
            err.flush();
            return USAGE;
        }
        return commandLine.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new HeadprobeCommand());
        // One clear line on stderr and exit 2, never a usage screen or a stack trace.
        commandLine.setParameterExceptionHandler((problem, args) -> {
            CommandLine failed = problem.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandSpec().qualifiedName() + ": " + problem.getMessage()
                    + " (see " + failed.getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((problem, failed, parsed) -> {
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandSpec().qualifiedName() + ": " + describe(problem));
            err.flush();
            return USAGE;
        });
        return commandLine;
    }

    private static String describe(Throwable problem) {
        String message = problem.getMessage();
        return message == null ? problem.getClass().getSimpleName() : message;
    }
}
