package io.headprobe.tls;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.SocketTimeoutException;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server answered to one hello: its ServerHello (or HelloRetryRequest), an alert, or
 * nothing a TLS client could read. Read from the raw stream with every length checked and the
 * total bounded, so a hostile server costs at most {@link #MAX_BYTES} and the read timeout.
 *
 * @param kind what came back
 * @param version the version the server chose (supported_versions in TLS 1.3), 0x0002 for SSLv2
 * @param suite the suite chosen (SSLv2: the first cipher kind the server listed)
 * @param compression the compression method chosen
 * @param renegotiationInfo the ServerHello carried renegotiation_info (RFC 5746)
 * @param group the group a TLS 1.3 server named in key_share, or a TLS 1.2 server in its ServerKeyExchange; else null
 * @param dhBits the size of the DH prime of a DHE ServerKeyExchange; else null
 * @param alert the alert description when kind is ALERT
 * @param sslv2Kinds the cipher kinds of an SSLv2 SERVER-HELLO
 */
record ServerAnswer(Kind kind, int version, int suite, int compression, boolean renegotiationInfo, Integer group,
        Integer dhBits, int alert, List<Integer> sslv2Kinds) {

    enum Kind {
        HELLO, ALERT, NONE
    }

    /** inappropriate_fallback (RFC 7507). */
    static final int INAPPROPRIATE_FALLBACK = 86;

    /** The most a scan reads from one handshake: a long certificate chain fits. */
    static final int MAX_BYTES = 128 * 1024;

    private static final int EXT_RENEGOTIATION_INFO = 0xFF01;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final int EXT_KEY_SHARE = 51;

    static final ServerAnswer NOTHING = new ServerAnswer(Kind.NONE, 0, 0, 0, false, null, null, 0, List.of());

    boolean hello() {
        return kind == Kind.HELLO;
    }

    static ServerAnswer alert(int description) {
        return new ServerAnswer(Kind.ALERT, 0, 0, 0, false, null, null, description, List.of());
    }

    /**
     * Reads records up to the ServerHello, and with {@code keyExchange} on to the ServerKeyExchange
     * (for its curve or DH prime) or the ServerHelloDone. A timeout, a close or bytes that are not
     * TLS are NOTHING: the server did not accept this hello.
     */
    static ServerAnswer read(InputStream raw, boolean keyExchange) throws IOException {
        DataInputStream in = new DataInputStream(new Bounded(raw));
        ByteBuffer handshake = ByteBuffer.allocate(MAX_BYTES);
        handshake.flip();
        ServerAnswer hello = null;
        try {
            while (true) {
                int type = in.readUnsignedByte();
                in.readUnsignedShort(); // record version: the ServerHello's own counts
                int length = in.readUnsignedShort();
                if (length > (1 << 14) + 2048) {
                    return NOTHING;
                }
                byte[] fragment = new byte[length];
                in.readFully(fragment);
                if (type == 21 && length >= 2) {
                    return hello != null ? hello : alert(fragment[1] & 0xFF);
                }
                if (type != 22) {
                    return hello != null ? hello : NOTHING;
                }
                handshake.compact().put(fragment).flip();
                while (handshake.remaining() >= 4) {
                    int messageLength = u24(handshake, handshake.position() + 1);
                    if (handshake.remaining() < 4 + messageLength) {
                        break;
                    }
                    int messageType = handshake.get() & 0xFF;
                    handshake.position(handshake.position() + 3);
                    ByteBuffer message = handshake.slice();
                    message.limit(messageLength);
                    handshake.position(handshake.position() + messageLength);
                    if (messageType == 2) {
                        hello = serverHello(message);
                        if (!keyExchange || hello.version == ClientHello.TLS13) {
                            return hello;
                        }
                    } else if (hello == null) {
                        return NOTHING;
                    } else if (messageType == 12) {
                        return keyExchange(hello, message);
                    } else if (messageType == 14) {
                        return hello;
                    }
                }
            }
        } catch (EOFException | SocketTimeoutException | BufferOverflowException
                | BufferUnderflowException | IllegalArgumentException e) {
            return hello != null ? hello : NOTHING;
        }
    }

    private static ServerAnswer serverHello(ByteBuffer message) {
        int version = u16(message);
        message.position(message.position() + 32); // random; a HelloRetryRequest's names the same things
        int sessionId = message.get() & 0xFF;
        message.position(message.position() + sessionId);
        int suite = u16(message);
        int compression = message.get() & 0xFF;
        boolean renegotiation = false;
        Integer group = null;
        if (message.remaining() >= 2) {
            int end = u16(message) + message.position();
            while (message.position() + 4 <= end) {
                int type = u16(message);
                int length = u16(message);
                int next = message.position() + length;
                if (type == EXT_RENEGOTIATION_INFO) {
                    renegotiation = true;
                } else if (type == EXT_SUPPORTED_VERSIONS && length == 2) {
                    version = u16(message);
                } else if (type == EXT_KEY_SHARE && length >= 2) {
                    group = u16(message); // HelloRetryRequest: the group alone; ServerHello: the group, then its share
                }
                message.position(next);
            }
        }
        return new ServerAnswer(Kind.HELLO, version, suite, compression, renegotiation, group,
                null, 0, List.of());
    }

    /** The curve of an ECDHE ServerKeyExchange, or the prime's size of a DHE one. */
    private static ServerAnswer keyExchange(ServerAnswer hello, ByteBuffer message) {
        CipherSuites.Known suite = CipherSuites.byCode(hello.suite);
        if (suite == null) {
            return hello;
        }
        Integer group = null;
        Integer dhBits = null;
        if (suite.keyExchange().equals("ECDHE") || (suite.keyExchange().equals("anon") && suite.name().startsWith("TLS_ECDH_"))) {
            if ((message.get() & 0xFF) == 3) { // named_curve
                group = u16(message);
            }
        } else if (suite.keyExchange().equals("DHE") || suite.keyExchange().equals("anon")) {
            byte[] prime = new byte[u16(message)];
            message.get(prime);
            dhBits = new BigInteger(1, prime).bitLength();
        }
        return new ServerAnswer(hello.kind, hello.version, hello.suite, hello.compression, hello.renegotiationInfo, group,
                dhBits, 0, List.of());
    }

    /** Reads an SSLv2 SERVER-HELLO: the server lists every cipher kind it shares with the client at once. */
    static ServerAnswer readSslv2(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new Bounded(raw));
        try {
            int first = in.readUnsignedByte();
            if ((first & 0x80) == 0) {
                return NOTHING; // a TLS record or the three-byte header form: no SSLv2 SERVER-HELLO
            }
            int length = ((first & 0x7F) << 8) | in.readUnsignedByte();
            byte[] message = new byte[length];
            in.readFully(message);
            ByteBuffer buffer = ByteBuffer.wrap(message);
            if (buffer.get() != 4) {
                return NOTHING;
            }
            buffer.get(); // session id hit
            buffer.get(); // certificate type
            int version = u16(buffer);
            int certificateLength = u16(buffer);
            int kindsLength = u16(buffer);
            u16(buffer); // connection id length
            buffer.position(buffer.position() + certificateLength);
            List<Integer> kinds = new ArrayList<>();
            for (int i = 0; i + 3 <= kindsLength; i += 3) {
                kinds.add(((buffer.get() & 0xFF) << 16) | u16(buffer));
            }
            if (version != 0x0002 || kinds.isEmpty()) {
                return NOTHING;
            }
            return new ServerAnswer(Kind.HELLO, version, kinds.get(0), 0, false, null, null, 0, List.copyOf(kinds));
        } catch (EOFException | SocketTimeoutException | BufferUnderflowException
                | IllegalArgumentException e) {
            return NOTHING;
        }
    }

    private static int u16(ByteBuffer buffer) {
        return buffer.getShort() & 0xFFFF;
    }

    private static int u24(ByteBuffer buffer, int at) {
        return ((buffer.get(at) & 0xFF) << 16) | ((buffer.get(at + 1) & 0xFF) << 8) | (buffer.get(at + 2) & 0xFF);
    }

    /** Ends the stream after {@link #MAX_BYTES}: what a server sends beyond that is not read. */
    private static final class Bounded extends FilterInputStream {
        private int left = MAX_BYTES;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(bytes, offset, Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
