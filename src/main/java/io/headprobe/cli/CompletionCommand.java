package io.headprobe.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headprobe completion bash|zsh}: picocli's completion script for the whole command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = { "Print a completion script for the shell: commands, options and their values complete with Tab.",
                "picocli's bash script; zsh runs it through its bashcompinit, which the script switches on itself." },
        footer = { "", "Examples:", "  headprobe completion bash > /etc/bash_completion.d/headprobe",
                "  source <(headprobe completion zsh)          # in ~/.zshrc" })
class CompletionCommand implements Callable<Integer> {

    /** Lower case, as typed on the command line and offered by the completion itself. */
    enum Shell {
        bash, zsh
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Override
    public Integer call() {
        // The same script serves both shells: it tests $ZSH_VERSION and loads bashcompinit there.
        spec.commandLine().getOut().print(AutoComplete.bash("headprobe", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
