package io.headprobe.blackbox.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsSection;

/**
 * Records read into miekg/dns's text form, from messages written byte by byte: with compressed
 * names (which the test DNS server, through Netty's encoder, never sends), escapes, and names
 * whose pointers loop or run off the message.
 */
class RrTextTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 53);

    @Test
    void compressedNamesAreFollowed() {
        ByteBuf message = header(2);
        question(message);
        // MX 10 mail.<pointer to "test." in the question>
        record(message, 15, 300, Unpooled.buffer().writeShort(10).writeBytes(label("mail")).writeShort(0xc00f));
        // SOA ns.<test.> hostmaster.<test.> 7 1 2 3 4
        record(message, 6, 300, Unpooled.buffer().writeBytes(label("ns")).writeShort(0xc00f).writeBytes(label("hostmaster"))
                .writeShort(0xc00f).writeInt(7).writeInt(1).writeInt(2).writeInt(3).writeInt(4));
        assertEquals(List.of("mx.test.\t300\tIN\tMX\t10 mail.test.", "mx.test.\t300\tIN\tSOA\tns.test. hostmaster.test. 7 1 2 3 4"),
                answers(message));
    }

    @Test
    void textIsEscapedAsMiekgEscapesIt() {
        ByteBuf message = header(3);
        question(message);
        byte[] text = "a\"b\\c\u0001".getBytes(StandardCharsets.ISO_8859_1);
        record(message, 16, 60, Unpooled.buffer().writeByte(text.length).writeBytes(text).writeByte(0));
        record(message, 28, 60, Unpooled.buffer().writeLong(0x20010db800000000L).writeLong(1));
        record(message, 99, 4294967295L, Unpooled.buffer().writeByte(1).writeByte(0xef));
        assertEquals(List.of("mx.test.\t60\tIN\tTXT\t\"a\\\"b\\\\c\\001\" \"\"", "mx.test.\t60\tIN\tAAAA\t2001:db8::1",
                "mx.test.\t4294967295\tIN\tSPF\t\"\\239\""), answers(message));
    }

    @Test
    void aMessageMayHaveFewerRecordsThanItsHeaderCounts() {
        ByteBuf message = header(3);
        question(message);
        record(message, 1, 60, Unpooled.buffer().writeInt(0xc0000201));
        assertEquals(List.of("mx.test.\t60\tIN\tA\t192.0.2.1"), answers(message), "as miekg reads it");
    }

    @Test
    void aPointerLoopIsAnError() {
        ByteBuf message = header(1);
        question(message);
        int at = message.writerIndex();
        message.writeShort(0xc000 | at); // a name that points at itself
        message.writeShort(1).writeShort(1).writeInt(1).writeShort(4).writeInt(0);
        assertThrows(DecoderException.class, () -> answers(message));
    }

    @Test
    void aRecordLongerThanTheMessageIsAnError() {
        ByteBuf message = header(1);
        question(message);
        message.writeShort(0xc00c).writeShort(1).writeShort(1).writeInt(1).writeShort(4).writeShort(0);
        assertThrows(DecoderException.class, () -> answers(message));
    }

    private static ByteBuf header(int answers) {
        return Unpooled.buffer().writeShort(1).writeShort(0x8180).writeShort(1).writeShort(answers).writeShort(0).writeShort(0);
    }

    /** mx.test. MX IN at offset 12, so "test." is at 15. */
    private static void question(ByteBuf message) {
        message.writeBytes(label("mx")).writeBytes(label("test")).writeByte(0).writeShort(15).writeShort(1);
    }

    private static void record(ByteBuf message, int type, long ttl, ByteBuf data) {
        message.writeShort(0xc00c).writeShort(type).writeShort(1).writeInt((int) ttl).writeShort(data.readableBytes())
                .writeBytes(data);
    }

    private static byte[] label(String label) {
        byte[] bytes = new byte[label.length() + 1];
        bytes[0] = (byte) label.length();
        System.arraycopy(label.getBytes(StandardCharsets.US_ASCII), 0, bytes, 1, label.length());
        return bytes;
    }

    private static List<String> answers(ByteBuf message) {
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramDnsResponseDecoder(new RrText()));
        channel.writeInbound(new DatagramPacket(message.retainedDuplicate(), PEER, PEER));
        DnsResponse response = channel.readInbound();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < response.count(DnsSection.ANSWER); i++) {
            texts.add(response.<RrText.Rr> recordAt(DnsSection.ANSWER, i).text());
        }
        response.release();
        channel.finishAndReleaseAll();
        return texts;
    }
}
