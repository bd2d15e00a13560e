package io.headprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The build wrote the manual: target/man/headprobe.1 (roff) with a section per command, and an
 * AsciiDoc page per command; each names every option of its command.
 */
class ManPageIT {

    @Test
    void theRoffPageHasASectionPerCommandWithEveryOptionAndGroffReadsItCleanly() throws Exception {
        Path page = Path.of("target/man/headprobe.1");
        assertTrue(Files.exists(page), page + " was not written by the build (exec-maven-plugin, man-page-roff)");
        String text = Files.readString(page);
        assertTrue(text.startsWith(".TH HEADPROBE 1 "), text.lines().findFirst().orElse(""));
        CommandLine root = Cli.commandLine();
        List<CommandLine> commands = new ArrayList<>(List.of(root));
        commands.addAll(root.getSubcommands().values().stream().filter(c -> !c.getCommandName().equals("help")).toList());
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName();
            assertTrue(text.contains(".SH \"" + ManPage.escape(name.toUpperCase(Locale.ROOT)) + "\""), "a section for " + name);
            for (OptionSpec option : command.getCommandSpec().options().stream().filter(o -> !o.hidden()).toList()) {
                assertTrue(text.contains("\\fB" + ManPage.escape(option.longestName()) + "\\fR"), name + " " + option.longestName());
            }
        }
        Path groff = Path.of("/usr/bin/groff");
        Assumptions.assumeTrue(Files.isExecutable(groff), "no groff to render the page with");
        Process render = new ProcessBuilder(groff.toString(), "-man", "-Tutf8", "-ww", "-z", page.toString())
                .redirectErrorStream(true).start();
        String warnings = new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, render.waitFor(), warnings);
        assertEquals("", warnings, "groff -ww warns");
    }

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
