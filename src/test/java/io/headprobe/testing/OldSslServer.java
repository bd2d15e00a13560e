package io.headprobe.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Scripts for {@link RawServer} that answer hellos as servers OpenSSL 3 can no longer be: SSLv3,
 * SSLv2, and old TLS servers with compression and without RFC 5746 or RFC 7507. They write a
 * ServerHello and stop; a scan asks no more.
 */
public final class OldSslServer {

    private OldSslServer() {
    }

    /**
     * Answers every TLS-format ClientHello, whatever version it asks for, with an SSLv3 ServerHello
     * choosing the first of {@code preferred} the client offers (the server's order, no extensions),
     * or a handshake_failure alert when it offers none of them; an SSLv2-format hello gets the
     * connection closed.
     */
    public static RawServer.Script sslv3(List<Integer> preferred) {
        return tls(0x0300, 0x0300, preferred, false);
    }

    /**
     * A server of versions {@code min} to {@code max} (0x0300 SSLv3 ... 0x0303 TLS 1.2) as old ones
     * were: it answers the client's version, or its own {@code max} when the client asks for more
     * (below {@code min}, a protocol_version alert); it ignores TLS_FALLBACK_SCSV and the renegotiation
     * SCSV, sends no extensions, and with {@code deflate} chooses DEFLATE compression when offered.
     */
    public static RawServer.Script tls(int min, int max, List<Integer> preferred, boolean deflate) {
        return socket -> {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            if (in.readUnsignedByte() != 22) {
                return;
            }
            in.readUnsignedShort();
            byte[] record = new byte[in.readUnsignedShort()];
            in.readFully(record);
            int asked = ((record[4] & 0xFF) << 8) | (record[5] & 0xFF);
            int version = Math.min(asked, max);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            List<Integer> offered = offeredSuites(record);
            Integer chosen = preferred.stream().filter(offered::contains).findFirst().orElse(null);
            if (version < min || chosen == null) {
                out.write(new byte[] { 21, (byte) (max >> 8), (byte) max, 0, 2, 2, (byte) (version < min ? 70 : 40) });
                out.flush();
                return;
            }
            // ServerHello: version, random, empty session id, suite, compression: 38 bytes
            out.write(new byte[] { 22, (byte) (version >> 8), (byte) version, 0, 42, 2, 0, 0, 38,
                    (byte) (version >> 8), (byte) version });
            out.write(new byte[32]);
            out.writeByte(0);
            out.writeShort(chosen);
            out.writeByte(deflate && offersDeflate(record) ? 1 : 0);
            out.flush();
        };
    }

    private static boolean offersDeflate(byte[] handshake) {
        int at = 4 + 2 + 32;
        at += 1 + (handshake[at] & 0xFF);
        at += 2 + (((handshake[at] & 0xFF) << 8) | (handshake[at + 1] & 0xFF));
        for (int i = 0; i < (handshake[at] & 0xFF); i++) {
            if (handshake[at + 1 + i] == 1) {
                return true;
            }
        }
        return false;
    }

    /** The cipher suites of a ClientHello handshake message. */
    private static List<Integer> offeredSuites(byte[] handshake) {
        int at = 4 + 2 + 32;
        at += 1 + (handshake[at] & 0xFF);
        int length = ((handshake[at] & 0xFF) << 8) | (handshake[at + 1] & 0xFF);
        ArrayList<Integer> suites = new ArrayList<>();
        for (int i = at + 2; i < at + 2 + length; i += 2) {
            suites.add(((handshake[i] & 0xFF) << 8) | (handshake[i + 1] & 0xFF));
        }
        return suites;
    }

    /**
     * Answers an SSLv2 CLIENT-HELLO with a SERVER-HELLO listing {@code kinds} (three-byte cipher
     * kinds) and a certificate of a few made-up bytes; a TLS-format hello gets the connection closed.
     */
    public static RawServer.Script sslv2(List<Integer> kinds) {
        return socket -> {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int first = in.readUnsignedByte();
            if ((first & 0x80) == 0) {
                return;
            }
            in.readFully(new byte[((first & 0x7F) << 8) | in.readUnsignedByte()]);
            byte[] certificate = { 0x30, 0x03, 0x02, 0x01, 0x01 };
            int length = 11 + certificate.length + kinds.size() * 3 + 16;
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeByte(0x80 | (length >> 8));
            out.writeByte(length & 0xFF);
            out.writeByte(4); // SERVER-HELLO
            out.writeByte(0); // no session id hit
            out.writeByte(1); // X.509 certificate
            out.writeShort(0x0002);
            out.writeShort(certificate.length);
            out.writeShort(kinds.size() * 3);
            out.writeShort(16);
            out.write(certificate);
            for (int kind : kinds) {
                out.writeByte(kind >> 16);
                out.writeShort(kind & 0xFFFF);
            }
            out.write(new byte[16]); // connection id
            out.flush();
        };
    }
}
