package io.headprobe.body;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A decoded body read once, for everything that looks into it (title, favicon link, the audit's meta tags
 * and scripts, body regexps): {@code text} is null for a binary body, {@code html} is null unless the body
 * is HTML.
 */
public record Page(ContentKind kind, Charset charset, String text, Document html) {

    public static final Page BINARY = new Page(ContentKind.BINARY, null, null, null);

    /**
     * Charset: the Content-Type's, else a byte order mark, else (HTML only) {@code <meta charset>}, else UTF-8.
     * {@code pageUrl} is the document's base for relative links (a {@code <base href>} in it applies on top).
     */
    public static Page of(byte[] body, String contentType, String pageUrl) {
        ContentKind kind = ContentKind.of(contentType, body);
        Charset declared = declaredCharset(contentType);
        switch (kind) {
            case HTML:
                Document html = parse(body, declared, pageUrl);
                return new Page(kind, html.charset(), text(body, html.charset()), html);
            case TEXT:
                Charset charset = declared != null ? declared : bomCharset(body);
                return new Page(kind, charset, text(body, charset), null);
            default:
                return BINARY;
        }
    }

    private static Document parse(byte[] body, Charset declared, String pageUrl) {
        try {
            // With no charset given, jsoup looks for a byte order mark, then <meta charset>, then uses UTF-8.
            return Jsoup.parse(new ByteArrayInputStream(body), declared == null ? null : declared.name(),
                    pageUrl == null ? "" : pageUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // never: the bytes are in memory
        }
    }

    private static String text(byte[] body, Charset charset) {
        String text = new String(body, charset);
        return text.startsWith("\ufeff") ? text.substring(1) : text;
    }

    /** The charset parameter of a Content-Type, null when absent or not one this JVM knows. */
    static Charset declaredCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String[] nameValue = parameter.split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().toLowerCase(Locale.ROOT).equals("charset")) {
                String name = nameValue[1].trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return null; // unknown or malformed name: detect as if none was given
                }
            }
        }
        return null;
    }

    private static Charset bomCharset(byte[] body) {
        if (startsWith(body, 0xFE, 0xFF)) {
            return StandardCharsets.UTF_16BE;
        }
        if (startsWith(body, 0xFF, 0xFE)) {
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean startsWith(byte[] body, int first, int second) {
        return body.length >= 2 && (body[0] & 0xFF) == first && (body[1] & 0xFF) == second;
    }
}
