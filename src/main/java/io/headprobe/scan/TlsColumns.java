package io.headprobe.scan;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.tls.model.TlsScan;

/**
 * A result's TLS scan as a store keeps it for diffs: the grade, and the accepted protocols and weak
 * suite classes each as a JSON array in the scan's own order, so that both stores compare them as
 * text. All three are null when the result has no TLS scan; a scan that found nothing has empty
 * arrays and no grade.
 */
record TlsColumns(String grade, String protocols, String weak) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    static final TlsColumns NONE = new TlsColumns(null, null, null);

    static TlsColumns of(TlsScan scan) {
        if (scan == null) {
            return NONE;
        }
        return new TlsColumns(scan.rating() == null ? null : scan.rating().grade(), array(scan.protocols()),
                array(scan.weak()));
    }

    static String array(List<String> values) {
        try {
            return JSON.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The array read back; null for null. */
    static List<String> list(String array) {
        try {
            return array == null ? null : JSON.readValue(array, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored TLS column is not a JSON array of strings: " + array, e);
        }
    }
}
