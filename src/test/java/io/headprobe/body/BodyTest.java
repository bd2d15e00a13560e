package io.headprobe.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class BodyTest {

    private static final int CAP = 256 * 1024;
    private static final String URL = "https://example.test/dir/page.html";

    @Test
    void factsOfAGzippedPage() throws Exception {
        byte[] html = utf8("<!doctype html><html><head><title>Hello</title></head><body>a b\nc</body></html>\n");
        byte[] gzip = DecodingTest.gzip(html);

        BodyFacts facts = Body.facts(gzip, gzip.length, false, "gzip", "text/html", CAP, URL);

        assertEquals(html.length, facts.bytes());
        assertEquals(gzip.length, facts.wireBytes());
        assertFalse(facts.truncated());
        assertEquals("gzip", facts.encoding());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(html)), facts.sha256());
        assertEquals(PythonMmh3.httpxBody(html), facts.mmh3());
        assertEquals("Hello", facts.title());
        assertEquals(3, facts.words()); // two spaces
        assertEquals(2, facts.lines());
        assertNull(facts.error());
        assertNull(facts.favicon());
    }

    @Test
    void truncatedWhenTheRawReadOrTheDecodedBodyHitTheCap() {
        byte[] body = utf8("0123456789");
        assertTrue(Body.facts(body, 10, true, null, "text/plain", CAP, URL).truncated());
        BodyFacts capped = Body.facts(body, 10, false, null, "text/plain", 4, URL);
        assertTrue(capped.truncated());
        assertEquals(4, capped.bytes());
        assertEquals(10, capped.wireBytes());
        assertNull(capped.encoding());
    }

    @Test
    void titleAsABrowserShowsIt() {
        assertEquals("Café & Bar! <ok>", title("<title>\n   Caf&eacute; &amp;\n\t Bar&#33;  &lt;ok&gt; </title>", "text/html"));
        assertNull(title("<html><head></head><body>no title</body></html>", "text/html"), "no title element");
        assertNull(title("<title>  </title>", "text/html"), "an empty title is none");
        assertEquals("XHTML", title("<html xmlns=\"http://www.w3.org/1999/xhtml\"><title>XHTML</title></html>",
                "application/xhtml+xml"));
    }

    @Test
    void charsetFromContentTypeThenMetaThenUtf8() {
        byte[] latin1 = "<html><title>Caf\u00e9 \u00e0 la cr\u00e8me</title></html>".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Café à la crème", title(latin1, "text/html; charset=ISO-8859-1"));
        assertEquals("Café à la crème", title(latin1, "text/html;charset=\"iso-8859-1\""));

        byte[] meta = "<html><head><meta charset=\"windows-1252\"><title>\u20ac 5 \u2013 cheap</title></head></html>"
                .getBytes(Charset.forName("windows-1252"));
        assertEquals("€ 5 – cheap", title(meta, "text/html"));
        Page page = Body.read(meta, meta.length, false, null, "text/html", CAP, URL).page();
        assertEquals("windows-1252", page.charset().name());
        assertTrue(page.text().contains("€ 5 – cheap"), "the text is decoded with the same charset");

        byte[] utf8 = utf8("<title>Grüße</title>");
        assertEquals("Grüße", title(utf8, "text/html"));
        assertEquals("Grüße", title(utf8, "text/html; charset=no-such-charset"));
    }

    @Test
    void onlyHtmlIsParsed() {
        String markup = "<title>not a title here</title>";
        for (String type : new String[] {"text/plain", "application/json", "text/css", "application/javascript",
                "image/svg+xml", "application/xml"}) {
            Body body = Body.read(utf8(markup), markup.length(), false, null, type, CAP, URL);
            assertNull(body.facts().title(), type);
            assertNull(body.page().html(), type);
            assertEquals(ContentKind.TEXT, body.page().kind(), type);
            assertEquals(markup, body.page().text(), type);
        }
    }

    @Test
    void binaryIsHashedNeverReadAsText() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, '<', 't', 'i', 't', 'l', 'e', '>'};
        for (String type : new String[] {"image/png", null}) {
            Body body = Body.read(png, png.length, false, null, type, CAP, URL);
            assertEquals(ContentKind.BINARY, body.page().kind());
            assertNull(body.page().text());
            assertNull(body.page().html());
            assertNull(body.facts().title());
            assertEquals(Hashes.sha256(png), body.facts().sha256());
            assertNotNull(body.facts().mmh3());
        }
        // Compressed bytes of an unknown coding are not HTML, whatever the Content-Type says.
        byte[] zstd = utf8("<title>compressed</title>");
        Body unknown = Body.read(zstd, zstd.length, false, "zstd", "text/html", CAP, URL);
        assertEquals(ContentKind.BINARY, unknown.page().kind());
        assertNull(unknown.facts().title());
        assertEquals("unsupported content coding: zstd", unknown.facts().error());
        assertEquals(Hashes.sha256(zstd), unknown.facts().sha256());
    }

    @Test
    void withoutContentTypeTheFirstBytesDecide() {
        assertEquals(ContentKind.HTML, ContentKind.of(null, utf8("\n  <!DOCTYPE html><title>x</title>")));
        assertEquals(ContentKind.HTML, ContentKind.of("", utf8("\ufeff<HTML><title>x</title>")));
        assertEquals(ContentKind.TEXT, ContentKind.of(null, utf8("plain text, <title>x</title>")));
        assertEquals(ContentKind.TEXT, ContentKind.of(null, utf8("é".repeat(256))), "a character cut at 512 bytes");
        assertEquals(ContentKind.BINARY, ContentKind.of(null, new byte[] {'a', 0, 'b'}));
        assertEquals(ContentKind.BINARY, ContentKind.of(null, new byte[] {'a', (byte) 0xff, 'b'}), "not UTF-8");
        assertEquals("Sniffed", title(utf8("<!doctype html><title>Sniffed</title>"), null));
        assertNull(title(utf8("hello <title>no</title>"), null));
    }

    @Test
    void wordsAndLinesCountAsHttpxDoes() {
        // httpx: len(strings.Split(body, " ")) and len(strings.Split(strings.TrimSpace(body), "\n")).
        assertCounts("", 0, 0);
        assertCounts("one", 1, 1);
        assertCounts("a b  c\n\nd\n", 4, 3);
        assertCounts("   ", 4, 1);
        assertCounts("\n\n x \n\n", 3, 1);
        assertCounts("a\tb\nc", 1, 2);
        assertCounts("\u00a0x\n\u00a0", 1, 1); // Go's TrimSpace trims U+00A0 ...
        assertEquals(2, HttpxCounts.lines(new byte[] {'x', '\n', (byte) 0xa0})); // ... not a lone 0xA0 byte
        assertEquals(2, Body.facts(new byte[] {1, ' ', '\n', 2, '\n'}, 5, false, null, "image/png", CAP, URL).lines(),
                "any body is counted, as httpx does");
    }

    private static void assertCounts(String body, int words, int lines) {
        BodyFacts facts = Body.facts(utf8(body), utf8(body).length, false, null, "text/plain", CAP, URL);
        assertEquals(words, facts.words(), "words of [" + body + "]");
        assertEquals(lines, facts.lines(), "lines of [" + body + "]");
    }

    private static String title(String html, String contentType) {
        return title(utf8(html), contentType);
    }

    private static String title(byte[] html, String contentType) {
        return Body.facts(html, html.length, false, null, contentType, CAP, URL).title();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
