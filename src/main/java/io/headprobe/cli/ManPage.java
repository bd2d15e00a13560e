package io.headprobe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes headprobe.1, the roff manual page of every command, from the same annotations that make
 * --help. Run by the build (exec-maven-plugin, package phase): picocli-codegen's ManPageGenerator
 * writes AsciiDoc only, and turning that into roff would need asciidoctor.
 */
public final class ManPage {

    private ManPage() {
    }

    /** {@code ManPage DIR}: writes DIR/headprobe.1. */
    public static void main(String... args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        Files.writeString(dir.resolve("headprobe.1"), roff(Cli.commandLine()));
    }

    static String roff(CommandLine root) throws IOException {
        CommandSpec spec = root.getCommandSpec();
        StringBuilder page = new StringBuilder();
        page.append(".TH HEADPROBE 1 \"\" \"").append(escape(new Version().getVersion()[0])).append("\" \"HeadProbe Manual\"\n");
        page.append(".SH NAME\nheadprobe \\- ").append(escape(String.join(" ", spec.usageMessage().description()))).append('\n');
        page.append(".SH SYNOPSIS\n");
        for (CommandLine command : commands(root)) {
            page.append(".B ").append(escape(command.getCommandSpec().qualifiedName())).append("\n[OPTIONS]");
            command.getCommandSpec().positionalParameters().forEach(parameter -> page.append(" [")
                    .append(escape(parameter.paramLabel())).append(parameter.isMultiValue() ? "...]" : "]"));
            page.append("\n.br\n");
        }
        for (CommandLine command : commands(root)) {
            section(command.getCommandSpec(), page);
        }
        return page.toString();
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> commands = new java.util.ArrayList<>(List.of(root));
        root.getSubcommands().values().stream().filter(c -> !c.getCommandName().equals("help")).forEach(commands::add);
        return commands;
    }

    private static void section(CommandSpec command, StringBuilder page) {
        page.append(".SH \"").append(escape(command.qualifiedName().toUpperCase(java.util.Locale.ROOT))).append("\"\n");
        for (String paragraph : command.usageMessage().description()) {
            page.append(escape(paragraph)).append("\n.PP\n");
        }
        for (PositionalParamSpec parameter : command.positionalParameters()) {
            page.append(".TP\n\\fI").append(escape(parameter.paramLabel())).append("\\fR\n")
                    .append(escape(String.join(" ", parameter.description()))).append('\n');
        }
        for (OptionSpec option : command.options()) {
            if (option.hidden()) {
                continue;
            }
            String names = List.of(option.names()).stream().map(name -> "\\fB" + escape(name) + "\\fR").collect(Collectors.joining(", "));
            String label = option.typeInfo().isBoolean() ? "" : "=\\fI" + escape(option.paramLabel()) + "\\fR";
            page.append(".TP\n").append(names).append(label).append('\n')
                    .append(escape(String.join(" ", option.description()))).append('\n');
        }
        // The footer: examples, indented and kept as typed, and the exit codes as a paragraph.
        for (String line : command.usageMessage().footer()) {
            if (line.isEmpty()) {
                page.append(".PP\n");
            } else if (line.startsWith("  ")) {
                page.append(".nf\n").append(escape(line)).append("\n.fi\n");
            } else {
                page.append(escape(line)).append('\n');
            }
        }
    }

    /** Text as roff shows it: backslashes and dashes escaped, no line read as a request. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
