package io.headprobe.blackbox;

/**
 * A blackbox.yml that HeadProbe cannot honour as written. It stops start-up: a key ignored quietly
 * would let a probe report success where blackbox_exporter would have failed it.
 */
public class BlackboxConfigException extends RuntimeException {

    public BlackboxConfigException(String message) {
        super(message);
    }

    public BlackboxConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A key (path such as {@code http.tls_config.cert_file}) that HeadProbe does not honour. */
    static BlackboxConfigException unsupported(String module, String key, String why) {
        return new BlackboxConfigException(
                "blackbox module \"" + module + "\": key " + key + " is not supported by HeadProbe (" + why + ")");
    }

    /** A key neither HeadProbe nor blackbox_exporter has: most likely a typo. */
    static BlackboxConfigException unknown(String module, String key) {
        return new BlackboxConfigException("blackbox module \"" + module + "\": key " + key
                + " is unknown (neither HeadProbe nor blackbox_exporter has it)");
    }

    /** A key HeadProbe knows, with a value it cannot use. */
    static BlackboxConfigException invalid(String module, String key, String problem) {
        return new BlackboxConfigException("blackbox module \"" + module + "\": key " + key + ": " + problem);
    }
}
