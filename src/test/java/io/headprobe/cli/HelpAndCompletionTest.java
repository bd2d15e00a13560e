package io.headprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The command line helps itself: two examples in every --help, and a completion script that completes. */
class HelpAndCompletionTest {

    @Test
    void everyCommandsHelpEndsWithTwoExamples() {
        List<CommandLine> commands = new ArrayList<>(List.of(Cli.commandLine()));
        commands.addAll(commands.get(0).getSubcommands().values().stream().filter(c -> !c.getCommandName().equals("help")).toList());
        assertEquals(5, commands.size(), "headprobe, probe, audit, tls, completion");
        for (CommandLine command : commands) {
            List<String> lines = List.of(command.getUsageMessage().split("\n"));
            int examples = lines.indexOf("Examples:");
            assertTrue(examples > 0, command.getCommandName() + " --help has no examples:\n" + command.getUsageMessage());
            List<String> shown = new ArrayList<>();
            for (int i = examples + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
                shown.add(lines.get(i));
            }
            assertEquals(2, shown.size(), command.getCommandName() + ": " + shown);
            shown.forEach(example -> assertTrue(example.contains("headprobe"), example));
        }
    }

    @Test
    void completionBashPrintsPicocliScriptForTheWholeTree() {
        Run bash = run("completion", "bash");
        assertEquals(0, bash.exit);
        assertTrue(bash.out.contains("complete -F _complete_headprobe"), bash.out);
        assertTrue(bash.out.contains("--fail-under") && bash.out.contains("--headers"), "options of probe and audit");
        assertEquals(bash.out, run("completion", "zsh").out, "one script: it enables bashcompinit under zsh itself");
        assertTrue(bash.out.contains("bashcompinit"));
    }

    @Test
    void anUnknownShellIsAUsageError() {
        Run fish = run("completion", "fish");
        assertEquals(2, fish.exit);
        assertTrue(fish.err.startsWith("headprobe completion: Invalid value for positional parameter"), fish.err);
        assertEquals(1, fish.err.strip().lines().count(), fish.err);
    }

    /** The script run by bash as the shell runs it on Tab: COMP_WORDS in, COMPREPLY out. */
    @Test
    void theScriptCompletesCommandsOptionsAndShells(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("headprobe.bash");
        Files.writeString(script, run("completion", "bash").out);
        assertEquals("completion", complete(script, "headprobe comp"));
        assertEquals("--fail-under", complete(script, "headprobe probe --fail-u"));
        assertEquals("bash zsh", complete(script, "headprobe completion "));
    }

    private static String complete(Path script, String typed) throws Exception {
        String words = typed.endsWith(" ") ? typed + "''" : typed;
        String probe = "compopt() { :; }; source '" + script + "'; COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); "
                + "COMP_LINE='" + typed + "'; COMP_POINT=${#COMP_LINE}; _complete_headprobe; echo \"${COMPREPLY[*]}\"";
        Process bash = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, bash.waitFor(), out);
        return out;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine commandLine = Cli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
