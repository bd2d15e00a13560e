package io.headprobe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What this build produced, as Quarkus wrote it to target/quarkus-artifact.properties: the jar, or
 * the native binary with -Dnative. Tests that must start it themselves (to signal it, or to run it
 * as a command) build its command line here.
 */
public final class Artifact {

    private Artifact() {
    }

    /** The command that runs the artifact with these system properties, then these arguments. */
    public static List<String> command(List<String> systemProperties, List<String> arguments) {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no packaged artifact: run the integration tests through Maven", e);
        }
        Path path = Path.of("target").resolve(artifact.getProperty("path")).toAbsolutePath();
        List<String> command = new ArrayList<>();
        if ("native".equals(artifact.getProperty("type"))) {
            command.add(path.toString());
            command.addAll(systemProperties);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(systemProperties);
            command.addAll(List.of("-jar", path.toString()));
        }
        command.addAll(arguments);
        return command;
    }
}
