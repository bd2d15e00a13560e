package io.headprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.body.BodyFacts;
import io.headprobe.http.Header;
import io.headprobe.probe.ProbeResult;
import io.headprobe.tls.model.Rating;
import io.headprobe.tls.model.TlsScan;

/** The body's facts in each output format, on results made here (the fetcher fills them in elsewhere). */
class ResultWritersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final BodyFacts PAGE = new BodyFacts(5120, 1400, true, "gzip",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "-1255992602", "=HYPERLINK(\"x\") Admin",
            312, 40, null, new BodyFacts.Favicon("https://example.org/favicon.ico", 200, 1150L, "116323821",
                    "c5b6f3d9e2e0a5b8f0d5d6b7c0f2b8a1", null));

    @Test
    void csvCarriesTheBodysColumnsLastWithHashesAsNumbersAndTheTitleInert() throws IOException {
        String csv = write(ResultFormat.CSV, false, withBody(PAGE));
        List<String> rows = csv.lines().toList();
        assertEquals("target,url,ok,status,httpVersion,remoteAddress,totalMs,grade,score,tlsProtocol,tlsVerified,"
                + "tlsDaysLeft,errorCode,errorMessage,bodyBytes,bodyTruncated,bodySha256,bodyMmh3,title,words,lines,"
                + "faviconMmh3,tlsGrade,tlsProtocols,tlsWeak", rows.get(0));
        assertTrue(rows.get(1).endsWith(",,5120,true,9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,"
                + "-1255992602,\"'=HYPERLINK(\"\"x\"\") Admin\",312,40,116323821,,,"),
                "a negative mmh3 keeps its sign, a title that is a formula does not run: " + rows.get(1));
    }

    @Test
    void csvCarriesTheTlsScansGradeProtocolsAndWeakClassesLast() throws IOException {
        TlsScan scan = new TlsScan("example.org", "93.184.215.14:443", true, List.of("TLSv1", "TLSv1.2"), List.of(),
                List.of(), null, false, List.of("CBC with TLS 1.0", "static RSA"), true, true, false, null,
                new Rating("B", 85, 90, 90, 80, List.of("TLS 1.0 or 1.1 accepted: capped at B")), 30, 900.0, null);
        List<String> rows = write(ResultFormat.CSV, false, withBody(null).withTlsScan(scan)).lines().toList();
        assertTrue(rows.get(1).endsWith(",B,TLSv1;TLSv1.2,CBC with TLS 1.0;static RSA"), rows.get(1));
    }

    @Test
    void csvLeavesTheBodysColumnsEmptyWithoutABodyRead() throws IOException {
        List<String> rows = write(ResultFormat.CSV, false, withBody(null)).lines().toList();
        assertTrue(rows.get(1).endsWith(",,,,,,,,,"), rows.get(1));
        assertEquals(rows.get(0).split(",").length, rows.get(1).split(",", -1).length, "one column set");
    }

    @Test
    void jsonLinesCarryTheBodyAsTheResultHasIt() throws IOException {
        JsonNode line = JSON.readTree(write(ResultFormat.JSONL, true, withBody(PAGE)).strip());
        assertEquals("-1255992602", line.at("/body/mmh3").asText());
        assertEquals(5120, line.at("/body/bytes").asLong());
        assertTrue(line.at("/body/truncated").asBoolean());
        assertEquals("116323821", line.at("/body/favicon/mmh3").asText());
        assertTrue(JSON.readTree(write(ResultFormat.JSONL, false, withBody(null)).strip()).get("body").isNull());
    }

    @Test
    void theTableShowsATitleColumnOnlyWhenTheBodyIsRead() throws IOException {
        List<String> plain = write(ResultFormat.TABLE, false, withBody(null)).lines().toList();
        assertFalse(plain.get(0).contains("TITLE"), plain.get(0));

        List<String> table = write(ResultFormat.TABLE, true, withBody(PAGE), withBody(null)).lines().toList();
        assertTrue(table.get(0).matches("TARGET +STATUS HTTP +TIME\\(ms\\) GRADE +TLS-DAYS  TITLE +ERROR"), table.get(0));
        int column = table.get(0).indexOf("TITLE");
        assertEquals("=HYPERLINK(\"x\") Admin", table.get(1).substring(column, column + 21));
        assertEquals("- ", table.get(2).substring(column, column + 2), "no title: a dash");
    }

    @Test
    void aTitleIsCutToItsColumnAndItsControlCharactersCannotReachTheTerminal() {
        assertEquals("Admin?[2J?]0;owned?", TableWriter.title(withBody(titled("Admin\u001b[2J\u009d]0;owned\u0007"))));
        String cut = TableWriter.title(withBody(titled("A very long title that goes on and on and on")));
        assertEquals(TableWriter.TITLE_WIDTH, cut.length());
        assertTrue(cut.endsWith("\u2026"), cut);
        assertEquals("-", TableWriter.title(withBody(titled(""))));
    }

    private static BodyFacts titled(String title) {
        return new BodyFacts(10, 10, false, null, null, null, title, 1, 1, null, null);
    }

    private static ProbeResult withBody(BodyFacts body) {
        return new ProbeResult("https://example.org/", "https://example.org/", true, 200, "HTTP/2",
                List.of(new Header("content-type", "text/html")), List.of(), null, "93.184.215.14", List.of(), null, null,
                body, null);
    }

    private static String write(ResultFormat format, boolean body, ProbeResult... results) throws IOException {
        StringWriter out = new StringWriter();
        ResultWriter writer = ResultWriter.of(format, out, JSON, body);
        writer.start();
        for (ProbeResult result : results) {
            writer.write(result);
        }
        return out.toString();
    }
}
