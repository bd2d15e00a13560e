package io.headprobe.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.headprobe.body.BodyFacts.Favicon;

class FaviconsTest {

    private static final String PAGE = "https://example.test/dir/page.html?q=1";

    @Test
    void withoutAnIconLinkTheIconIsFaviconIcoAtTheOrigin() {
        assertEquals("https://example.test/favicon.ico", iconUrl("<html><head><title>t</title></head></html>"));
        assertEquals("https://example.test/favicon.ico", Favicons.iconUrl(null, PAGE), "not HTML");
        assertEquals("https://example.test/favicon.ico",
                iconUrl("<link rel=stylesheet href=/s.css><link rel=alternate href=/feed.ico>"), "not icons");
        assertEquals("https://example.test/favicon.ico",
                iconUrl("<base href=https://static.test/><link rel=preload href=x.ico>"), "the page's origin, not <base>'s");
        assertEquals("http://127.0.0.1:8080/favicon.ico", Favicons.iconUrl(null, "http://127.0.0.1:8080/a/b"));
    }

    @Test
    void iconLinksResolveAgainstThePage() {
        assertEquals("https://example.test/dir/img/icon.png", iconUrl("<link rel=icon href=img/icon.png>"));
        assertEquals("https://example.test/static/fav.ico", iconUrl("<link rel=\"shortcut icon\" href=\"/static/fav.ico\">"));
        assertEquals("https://cdn.test/i.png", iconUrl("<link rel=ICON href=https://cdn.test/i.png>"));
        assertEquals("https://cdn.test/i.svg", iconUrl("<link rel=icon href=//cdn.test/i.svg>"));
        assertEquals("https://example.test/touch.png", iconUrl("<link rel=apple-touch-icon href=' /touch.png '>"));
        assertEquals("https://example.test/dir/ok.png",
                iconUrl("<link rel=icon href=javascript:alert(1)><link rel=icon href=ok.png>"), "only http(s)");
    }

    @Test
    void baseHrefApplies() {
        assertEquals("https://static.test/assets/fav.png",
                iconUrl("<base href=https://static.test/assets/><link rel=icon href=fav.png>"));
        assertEquals("https://example.test/assets/fav.png", iconUrl("<base href=/assets/><link rel=icon href=fav.png>"));
    }

    @Test
    void httpxOrderIcoFirstThenByHref() {
        assertEquals("https://example.test/favicon.ico",
                iconUrl("<link rel=icon href=/icon.png><link rel='shortcut icon' href=/favicon.ico>"));
        assertEquals("https://example.test/a.png",
                iconUrl("<link rel=icon href=/b.png><link rel=apple-touch-icon href=/a.png>"));
    }

    @Test
    void dataIconsAreReadInline() {
        byte[] icon = HashesTest.bytes(100);
        String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(icon);
        assertEquals(url, iconUrl("<link rel=icon href=\"" + url + "\">"));
        assertArrayEquals(icon, Favicons.dataIcon(url));
        assertNull(Favicons.dataIcon("data:text/html;base64,PGI+"));
        assertNull(Favicons.dataIcon("https://example.test/favicon.ico"));
    }

    @Test
    void hashIsShodansAndHttpxs() throws Exception {
        byte[] icon = HashesTest.bytes(1150);
        Favicon favicon = Favicons.hash("https://example.test/favicon.ico", 200, icon);
        assertEquals(PythonMmh3.favicon(icon), favicon.mmh3());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(icon)), favicon.md5());
        assertEquals(1150L, favicon.bytes());
        assertEquals(200, favicon.status());
        assertNull(favicon.error());
    }

    @Test
    void onlyAnIconIsHashed() {
        Favicon missing = Favicons.hash("https://example.test/favicon.ico", 404, "not found".getBytes(StandardCharsets.UTF_8));
        assertEquals("status 404", missing.error());
        assertNull(missing.mmh3());
        assertNull(missing.md5());
        assertEquals("empty body", Favicons.hash("https://example.test/favicon.ico", 200, new byte[0]).error());
    }

    private static String iconUrl(String html) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        Document page = Body.read(bytes, bytes.length, false, null, "text/html", 65536, PAGE).page().html();
        return Favicons.iconUrl(page, PAGE);
    }
}
