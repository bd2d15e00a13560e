package io.headprobe.blackbox.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Lines as Go's bufio.Scanner (ScanLines) gives them to blackbox's expect. */
class LineBufferTest {

    @Test
    void linesEndAtLineFeedsWithoutTheirCarriageReturn() {
        LineBuffer buffer = new LineBuffer();
        buffer.add(bytes("SSH-2.0-x\r\nsecond\nthi"));
        assertEquals("SSH-2.0-x", buffer.nextLine(false));
        assertEquals("second", buffer.nextLine(false));
        assertNull(buffer.nextLine(false), "a line without its end waits for more");
        buffer.add(bytes("rd\r\n\n"));
        assertEquals("third", buffer.nextLine(false));
        assertEquals("", buffer.nextLine(false));
        assertNull(buffer.nextLine(true));
    }

    @Test
    void theLastLineWithoutEndCountsOnceThePeerClosed() {
        LineBuffer buffer = new LineBuffer();
        buffer.add(bytes("+OK ready"));
        assertNull(buffer.nextLine(false));
        assertEquals("+OK ready", buffer.nextLine(true));
        assertNull(buffer.nextLine(true));
    }

    @Test
    void bytesAreTakenWhenAllHaveCome() {
        LineBuffer buffer = new LineBuffer();
        buffer.add(bytes("HEL"));
        assertNull(buffer.take(5));
        buffer.add(bytes("LO\nrest\n"));
        assertArrayEquals(bytes("HELLO"), buffer.take(5));
        assertEquals("", buffer.nextLine(false));
        assertEquals("rest", buffer.nextLine(false));
    }

    @Test
    void moreThan64KiBWithoutALineFeedIsTooMuch() {
        LineBuffer buffer = new LineBuffer();
        buffer.add(new byte[LineBuffer.MAX_LINE]);
        assertFalse(buffer.overfull());
        buffer.add(new byte[1]);
        assertTrue(buffer.overfull());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
