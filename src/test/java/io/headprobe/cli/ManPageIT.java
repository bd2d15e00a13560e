package io.headprobe.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The build wrote a manual page per command (target/man, AsciiDoc for man) naming every option of that command. */
class ManPageIT {

    @Test
    void theBuildWroteAManPageForEveryCommandWithEveryOption() throws Exception {
        CommandLine root = Cli.commandLine();
        check(root, Path.of("target/man/headprobe.adoc"));
        for (CommandLine command : root.getSubcommands().values()) {
            check(command, Path.of("target/man/headprobe-" + command.getCommandName() + ".adoc"));
        }
    }

    private static void check(CommandLine command, Path page) throws Exception {
        assertTrue(Files.exists(page), page + " was not written by the build (exec-maven-plugin, man-pages)");
        String text = Files.readString(page);
        assertTrue(text.contains(":doctype: manpage"), page.toString());
        String name = command.getCommandSpec().qualifiedName("-");
        assertTrue(text.contains("= " + name + "(1)"), page + " is the page of " + name);
        for (OptionSpec option : command.getCommandSpec().options().stream().filter(o -> !o.hidden()).toList()) {
            for (String optionName : option.names()) {
                // An option's entry: "*-c*, *--concurrency*=_N_::" or "*--body, --title*::".
                Pattern entry = Pattern.compile("(?m)^\\*.*(?<![\\w-])" + Pattern.quote(optionName) + "(?![\\w-]).*::$");
                assertTrue(entry.matcher(text).find(), page + " lacks " + optionName);
            }
        }
    }
}
