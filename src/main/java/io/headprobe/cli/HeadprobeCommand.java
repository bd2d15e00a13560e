package io.headprobe.cli;

import picocli.CommandLine.Command;

/** The top of the command tree: {@code headprobe [serve | probe | audit | tls | completion | help]}. */
@Command(name = "headprobe", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Fetches HTTP response headers of many targets at once and grades them in the manner of "
                + "MDN HTTP Observatory. With no command (or 'serve') it runs as a web service.",
        subcommands = { ProbeCommand.class, AuditCommand.class, TlsCommand.class, CompletionCommand.class,
                picocli.CommandLine.HelpCommand.class },
        footer = { "", "Examples:", "  headprobe                                   # the web service on :8080",
                "  headprobe probe --audit --table https://example.org/ http://127.0.0.1:8080/",
                "", "Exit codes: 0 all targets answered (and none graded below --fail-under; with a match or filter, "
                + "at least one result written), 1 otherwise, 2 usage or input error, 130 interrupted." })
class HeadprobeCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
