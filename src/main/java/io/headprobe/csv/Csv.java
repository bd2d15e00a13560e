package io.headprobe.csv;

import java.util.List;

/**
 * RFC 4180 rows, the one CSV writer of the command line and of the scan exports: fields with a
 * comma, quote or line break are quoted, quotes doubled, null is empty, rows end in CRLF.
 */
public final class Csv {

    private Csv() {
    }

    public static String row(List<?> fields) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            Object field = fields.get(i);
            append(row, field == null ? "" : field.toString());
        }
        return row.append("\r\n").toString();
    }

    /** One scan of the characters, no regex: this runs for every field of a million-row export. */
    private static void append(StringBuilder row, String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                row.append('"').append(field.replace("\"", "\"\"")).append('"');
                return;
            }
        }
        row.append(field);
    }
}
