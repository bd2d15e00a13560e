package io.headprobe.csv;

import java.util.List;

/**
 * RFC 4180 rows, the one CSV writer of the command line and of the scan exports: fields with a
 * comma, quote or line break are quoted, quotes doubled, null is empty, rows end in CRLF.
 *
 * <p>Targets, URLs and error messages come from whoever submitted or answered them, and a
 * spreadsheet runs a cell that starts with {@code = + - @} (or a tab or CR) as a formula: such a
 * text field gets a leading {@code '}, as OWASP advises against CSV injection. Numbers and
 * booleans are written as they are, so a negative number stays a number.
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
            append(row, field == null ? "" : field instanceof Number || field instanceof Boolean ? field.toString()
                    : inert(field.toString()));
        }
        return row.append("\r\n").toString();
    }

    private static String inert(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
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
