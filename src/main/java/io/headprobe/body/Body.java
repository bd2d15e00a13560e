package io.headprobe.body;

/**
 * A response body as read: its facts for the result, and the page (text and parsed HTML) for whatever else
 * looks into it, so that it is decoded and parsed once. Blocking work: call it off the event loop.
 */
public record Body(BodyFacts facts, Page page) {

    /**
     * {@code raw}: the first {@code rawLength} bytes as received, at most {@code cap}; {@code rawTruncated}:
     * the read stopped at the cap or the timeout; {@code cap} bounds the decoded bytes too; {@code pageUrl}:
     * the URL the body came from, the base of the page's relative links.
     */
    public static Body read(byte[] raw, int rawLength, boolean rawTruncated, String contentEncoding,
            String contentType, int cap, String pageUrl) {
        Decoding.Decoded decoded = Decoding.decode(raw, rawLength, contentEncoding, cap);
        byte[] bytes = decoded.bytes();
        // Bytes in a coding that could not be undone are hashed but never read as text.
        Page page = Decoding.supports(contentEncoding) ? Page.of(bytes, contentType, pageUrl) : Page.BINARY;
        BodyFacts facts = new BodyFacts(
                bytes.length,
                rawLength,
                rawTruncated || decoded.capped(),
                decoded.coding(),
                Hashes.sha256(bytes),
                Hashes.bodyMmh3(bytes),
                page.html() == null ? null : title(page),
                HttpxCounts.words(bytes),
                HttpxCounts.lines(bytes),
                decoded.error(),
                null);
        return new Body(facts, page);
    }

    public static BodyFacts facts(byte[] raw, int rawLength, boolean rawTruncated, String contentEncoding,
            String contentType, int cap, String pageUrl) {
        return read(raw, rawLength, rawTruncated, contentEncoding, contentType, cap, pageUrl).facts();
    }

    /** jsoup's title: entities decoded, white space collapsed and trimmed, as a browser's tab shows it. */
    private static String title(Page page) {
        String title = page.html().title();
        return title.isEmpty() ? null : title;
    }
}
