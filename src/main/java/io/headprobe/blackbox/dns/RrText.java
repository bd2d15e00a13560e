package io.headprobe.blackbox.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.util.NetUtil;

/**
 * Netty's response decoder with records read into the text Go's miekg/dns prints for them
 * ({@code example.com.\t3600\tIN\tA\t192.0.2.1}), which blackbox's validate_*_rrs regexps match.
 * Netty's own record decoder keeps most data raw, with names in it still compressed. Names are
 * read here with their compression pointers, which are offsets from the message's first byte:
 * the buffer Netty's response decoders hand over starts there (a fresh datagram, a frame's slice).
 * A record that runs past the message's end or whose data does not fit its type fails the whole
 * message, as it fails miekg's unpacking.
 */
final class RrText implements DnsRecordDecoder {

    private static final Map<Integer, String> CLASSES = Map.of(1, "IN", 2, "CS", 3, "CH", 4, "HS", 254, "NONE", 255, "ANY");

    /** A record as text; serial is the SOA's, null for any other type. */
    record Rr(String name, DnsRecordType type, int dnsClass, long timeToLive, String text, Long serial)
            implements DnsRecord {
    }

    /** A question, which the probe does not look at beyond its place in the message. */
    record Question(String name, DnsRecordType type, int dnsClass) implements DnsQuestion {
        @Override
        public long timeToLive() {
            return 0;
        }
    }

    /** As miekg: a message may end after the question's name or type (the rest is then 0). */
    @Override
    public DnsQuestion decodeQuestion(ByteBuf in) {
        String name = name(in, in.readerIndex(), in);
        int type = in.isReadable() ? readShort(in) : 0;
        return new Question(name, DnsRecordType.valueOf(type), in.isReadable() ? readShort(in) : 0);
    }

    /**
     * As miekg: a message that ends where a record would start has fewer records than its header
     * counts (null tells Netty's decoder to stop there); one that ends inside a record is broken.
     */
    @SuppressWarnings("unchecked")
    @Override
    public <T extends DnsRecord> T decodeRecord(ByteBuf in) {
        if (!in.isReadable()) {
            return null;
        }
        String name = name(in, in.readerIndex(), in);
        need(in, 10);
        int type = in.readUnsignedShort();
        int dnsClass = in.readUnsignedShort();
        long ttl = in.readUnsignedInt();
        int length = in.readUnsignedShort();
        need(in, length);
        int start = in.readerIndex();
        in.skipBytes(length);
        String header = name + '\t' + ttl + '\t' + className(dnsClass) + '\t' + typeName(type) + '\t';
        if (length == 0) {
            return (T) new Rr(name, DnsRecordType.valueOf(type), dnsClass, ttl, header, null); // miekg prints no data either
        }
        ByteBuf data = in.slice(0, start + length); // names in the data may point anywhere before its end
        data.readerIndex(start);
        Long serial = null;
        String text;
        switch (type) {
            case 1 -> text = address(data, length, 4);
            case 28 -> text = address(data, length, 16);
            case 2, 5, 12, 39 -> text = name(data, start, data); // NS, CNAME, PTR, DNAME
            case 15 -> text = data.readUnsignedShort() + " " + name(data, start + 2, data); // MX
            case 33 -> text = data.readUnsignedShort() + " " + data.readUnsignedShort() + " " + data.readUnsignedShort() + " "
                    + name(data, start + 6, data); // SRV
            case 6 -> { // SOA
                String ns = name(data, start, data);
                String mbox = name(data, data.readerIndex(), data);
                need(data, 20);
                serial = data.readUnsignedInt();
                text = ns + " " + mbox + " " + serial + " " + data.readUnsignedInt() + " " + data.readUnsignedInt() + " "
                        + data.readUnsignedInt() + " " + data.readUnsignedInt();
            }
            case 16, 99 -> text = txt(data); // TXT, SPF
            default -> text = "\\# " + length + " " + ByteBufUtil.hexDump(data, start, length); // RFC 3597
        }
        if (data.readerIndex() != start + length) {
            throw new CorruptedFrameException("bad rdlength in a " + typeName(type) + " record of " + name);
        }
        return (T) new Rr(name, DnsRecordType.valueOf(type), dnsClass, ttl, header + text, serial);
    }

    private static String address(ByteBuf data, int length, int size) {
        if (length != size) {
            throw new CorruptedFrameException("an address record of " + length + " bytes");
        }
        byte[] bytes = new byte[size];
        data.readBytes(bytes);
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            // Go prints an IPv4-mapped AAAA as ::ffff:192.0.2.1 and any other IPv6 address in RFC 5952's form.
            return address.getAddress().length == 4 && size == 16 ? "::ffff:" + NetUtil.toAddressString(address)
                    : NetUtil.toAddressString(address);
        } catch (UnknownHostException e) {
            throw new CorruptedFrameException(e);
        }
    }

    /** Each string quoted, as miekg's sprintTxt: quote and backslash escaped, other unprintable bytes as \DDD. */
    private static String txt(ByteBuf data) {
        StringBuilder text = new StringBuilder();
        while (data.isReadable()) {
            int length = data.readUnsignedByte();
            need(data, length);
            text.append(text.length() == 0 ? "\"" : " \"");
            for (int i = 0; i < length; i++) {
                int b = data.readUnsignedByte();
                if (b == '"' || b == '\\') {
                    text.append('\\').append((char) b);
                } else {
                    appendByte(text, b);
                }
            }
            text.append('"');
        }
        return text.toString();
    }

    /**
     * The name at {@code index}, following compression pointers, in miekg's presentation form
     * (labels escaped, a trailing dot, "." for the root); {@code reader}'s index moves past the
     * name as it sits there.
     */
    static String name(ByteBuf message, int index, ByteBuf reader) {
        StringBuilder text = new StringBuilder();
        int position = index;
        int end = -1;
        int jumps = 0;
        while (true) {
            if (position >= message.writerIndex()) {
                throw new CorruptedFrameException("a name runs past the end of the message");
            }
            int length = message.getUnsignedByte(position);
            if ((length & 0xc0) == 0xc0) {
                if (position + 1 >= message.writerIndex() || ++jumps > 127) {
                    throw new CorruptedFrameException("a bad compression pointer");
                }
                end = end < 0 ? position + 2 : end;
                position = (length & 0x3f) << 8 | message.getUnsignedByte(position + 1);
                continue;
            }
            if (length > 63) {
                throw new CorruptedFrameException("a label of an unknown kind");
            }
            if (length == 0) {
                end = end < 0 ? position + 1 : end;
                break;
            }
            if (position + 1 + length > message.writerIndex() || text.length() > 1024) {
                throw new CorruptedFrameException("a name runs past the end of the message");
            }
            for (int i = 1; i <= length; i++) {
                int b = message.getUnsignedByte(position + i);
                if (".  '@;()\"\\".indexOf(b) >= 0) {
                    text.append('\\').append((char) b);
                } else {
                    appendByte(text, b);
                }
            }
            text.append('.');
            position += 1 + length;
        }
        reader.readerIndex(end);
        return text.length() == 0 ? "." : text.toString();
    }

    private static void appendByte(StringBuilder text, int b) {
        if (b < ' ' || b > '~') {
            text.append('\\').append(String.format("%03d", b));
        } else {
            text.append((char) b);
        }
    }

    private static int readShort(ByteBuf in) {
        need(in, 2);
        return in.readUnsignedShort();
    }

    private static void need(ByteBuf in, int bytes) {
        if (in.readableBytes() < bytes) {
            throw new CorruptedFrameException("the message ends inside a record");
        }
    }

    static String className(int dnsClass) {
        String name = CLASSES.get(dnsClass);
        return name != null ? name : "CLASS" + dnsClass;
    }

    static String typeName(int type) {
        String name = DnsRecordType.valueOf(type).name();
        return "UNKNOWN".equals(name) ? "TYPE" + type : name;
    }
}
