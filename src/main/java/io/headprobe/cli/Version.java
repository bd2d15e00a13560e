package io.headprobe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version Maven wrote into headprobe-version.properties at build time. */
class Version implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/headprobe-version.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return new String[] { "headprobe " + build.getProperty("version", "(unknown version)") };
    }
}
