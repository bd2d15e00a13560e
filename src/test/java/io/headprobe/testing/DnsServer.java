package io.headprobe.testing;

import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.NetUtil;

/**
 * A DNS server on 127.0.0.1 (or another loopback address; UDP and TCP on one random port) that
 * answers from a table the test gives: an A query gets the name's IPv4 addresses, an AAAA query its
 * IPv6 ones, each in table order, with a TTL of {@link #TTL}; a name not in the table gets
 * NXDOMAIN with an SOA whose negative TTL is {@link #NEGATIVE_TTL}, and a query type the name has
 * no address of gets an empty NOERROR answer, as a real server would. A test can also make a name
 * fail with another code ({@link #failWith}), go unanswered ({@link #ignore}), be too big for
 * UDP ({@link #truncateOverUdp}), have its answers held back until the test says ({@link #hold}),
 * get chosen records in any section ({@link #respond}) or a garbled answer ({@link #garble}). Netty's DNS codec reads the queries and writes the answers. Every
 * query is counted before it is answered, so once a client has its answer the counts are final.
 */
public final class DnsServer implements AutoCloseable {

    public static final int TTL = 60;
    public static final int NEGATIVE_TTL = 10;

    private final Map<String, List<InetAddress>> table = new HashMap<>();
    private final Map<String, DnsResponseCode> failures = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ignored = new ConcurrentHashMap<>();
    private final Map<String, Boolean> truncated = new ConcurrentHashMap<>();
    private final Map<String, List<Record>> chosen = new ConcurrentHashMap<>();
    private final Map<String, Boolean> garbled = new ConcurrentHashMap<>();
    /** Answers held back per name; the lists are touched on the server's event loop only. */
    private final Map<String, List<Runnable>> held = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queriesByName = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tcpQueriesByName = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final EventLoopGroup loop = new NioEventLoopGroup(1);
    private final Channel channel;
    private final Channel tcp;
    private volatile Channel tls;

    /** @param answers name (any case, with or without the trailing dot) to its addresses, as IP text */
    public DnsServer(Map<String, List<String>> answers) {
        this(Loopback.address(), answers);
    }

    /** On another loopback address, e.g. ::1 for a client that must reach its server over IPv6. */
    public DnsServer(InetAddress loopback, Map<String, List<String>> answers) {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests listen on loopback only, not on " + loopback);
        }
        answers.forEach((name, addresses) -> table.put(key(name), addresses.stream().map(DnsServer::address).toList()));
        // The same port over TCP, where a client retries an answer that was truncated over UDP. The
        // UDP port is the system's pick, and that number may be taken over TCP (an outgoing
        // connection's ephemeral port): then both are picked again.
        Channel udp = null;
        Channel stream = null;
        for (int attempt = 1; stream == null; attempt++) {
            udp = bindUdp(loopback);
            try {
                stream = bindTcp(loopback, ((InetSocketAddress) udp.localAddress()).getPort());
            } catch (Exception e) { // Netty rethrows the bind's checked BindException as it is
                udp.close().syncUninterruptibly();
                if (!(e instanceof BindException) || attempt == 20) {
                    throw new IllegalStateException("cannot listen over TCP on UDP port " + udp.localAddress(), e);
                }
            }
        }
        channel = udp;
        tcp = stream;
    }

    private Channel bindUdp(InetAddress loopback) {
        return new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(), new OverUdp());
                    }
                })
                .bind(loopback, 0).syncUninterruptibly().channel();
    }

    private Channel bindTcp(InetAddress loopback, int port) {
        return new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new TcpDnsQueryDecoder(), new TcpDnsResponseEncoder(), new OverTcp());
                    }
                })
                .bind(loopback, port).syncUninterruptibly().channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** As headprobe.dns.server wants it. */
    public String address() {
        return NetUtil.toSocketAddressString((InetSocketAddress) channel.localAddress());
    }

    /**
     * Also answers over TLS (DNS over TLS, RFC 7858) with this certificate, on a port of its own
     * ({@link #tlsPort()}); the answers are the same as over TCP.
     */
    public DnsServer overTls(TestCa.Leaf leaf) {
        SslContext context;
        try {
            context = SslContextBuilder.forServer(leaf.key(), leaf.chainArray()).build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
        tls = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc()), new TcpDnsQueryDecoder(), new TcpDnsResponseEncoder(),
                                new OverTcp());
                    }
                })
                .bind(((InetSocketAddress) channel.localAddress()).getAddress(), 0).syncUninterruptibly().channel();
        return this;
    }

    public int tlsPort() {
        return ((InetSocketAddress) tls.localAddress()).getPort();
    }

    /** From now on, queries for this name get this response code and no answer (SERVFAIL, REFUSED...). */
    public DnsServer failWith(String name, DnsResponseCode code) {
        failures.put(key(name), code);
        return this;
    }

    /** From now on, queries for this name are dropped unanswered, as by a server that has lost its way. */
    public DnsServer ignore(String name) {
        ignored.put(key(name), true);
        return this;
    }

    /** From now on, answers for this name over UDP are truncated (TC bit, no records); TCP gets them whole. */
    public DnsServer truncateOverUdp(String name) {
        truncated.put(key(name), true);
        return this;
    }

    /**
     * One record a test chooses, with its data in wire form ({@link #name}, {@link #soaData}...);
     * the DNS class is IN.
     */
    public record Record(DnsSection section, String name, DnsRecordType type, int ttl, byte[] data) {
    }

    /** From now on, queries for this name, of any type and over UDP or TCP, get these records and no others. */
    public DnsServer respond(String name, Record... records) {
        chosen.put(key(name), List.of(records));
        return this;
    }

    /**
     * From now on, queries for this name over UDP get a response with the query's id that claims
     * an answer record and ends inside it, as from a broken or hostile server.
     */
    public DnsServer garble(String name) {
        garbled.put(key(name), true);
        return this;
    }

    /** A name in wire form, uncompressed: "mail.test" or "mail.test." */
    public static byte[] name(String name) {
        ByteBuf data = Unpooled.buffer();
        writeName(data, name);
        return ByteBufUtil.getBytes(data);
    }

    /** SOA data for a zone "test." with this serial, its negative TTL {@link #NEGATIVE_TTL}. */
    public static byte[] soaData(long serial) {
        ByteBuf data = soa(NEGATIVE_TTL);
        data.setInt(data.writerIndex() - 20, (int) serial);
        return ByteBufUtil.getBytes(data);
    }

    /** TXT data: each string with its length byte. */
    public static byte[] txtData(String... strings) {
        ByteBuf data = Unpooled.buffer();
        for (String string : strings) {
            byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
            data.writeByte(bytes.length).writeBytes(bytes);
        }
        return ByteBufUtil.getBytes(data);
    }

    /** From now on, answers for this name wait until {@link #release} (counted as they come in). */
    public DnsServer hold(String name) {
        held.put(key(name), new ArrayList<>());
        return this;
    }

    /** Sends the answers held back for this name, and answers its later queries at once. */
    public void release(String name) {
        loop.submit(() -> held.remove(key(name)).forEach(Runnable::run)).syncUninterruptibly();
    }

    /** Queries received so far, of any name and type, over UDP and TCP. */
    public int queries() {
        return queries.get();
    }

    /** Queries received so far for this name, of any type, over UDP and TCP. */
    public int queries(String name) {
        return count(queriesByName, name);
    }

    /** Queries received over TCP so far for this name, of any type. */
    public int tcpQueries(String name) {
        return count(tcpQueriesByName, name);
    }

    @Override
    public void close() {
        if (tls != null) {
            tls.close().syncUninterruptibly();
        }
        tcp.close().syncUninterruptibly();
        channel.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class OverUdp extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DnsQuestion question = question(query, false);
            if (question != null) {
                DnsResponseCode code = code(question);
                DnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id(), query.opCode(), code);
                if (garbled.containsKey(key(question.name()))) {
                    // The query's id, a response with one answer, the question; then the answer ends inside its header.
                    ByteBuf garbage = Unpooled.buffer().writeShort(query.id()).writeShort(0x8180).writeShort(1).writeShort(1)
                            .writeShort(0).writeShort(0).writeBytes(name(question.name())).writeShort(question.type().intValue())
                            .writeShort(1).writeShort(0xc00c).writeByte(0);
                    // Past the response encoder, which takes every addressed envelope for a DnsResponse.
                    ctx.pipeline().firstContext().writeAndFlush(new DatagramPacket(garbage, query.sender()));
                } else if (truncated.containsKey(key(question.name()))) {
                    response.setTruncated(true);
                    send(ctx, question, header(response, query, question));
                } else {
                    send(ctx, question, answer(response, query, question));
                }
            }
        }
    }

    private final class OverTcp extends SimpleChannelInboundHandler<DnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
            DnsQuestion question = question(query, true);
            if (question != null) {
                send(ctx, question, answer(new DefaultDnsResponse(query.id(), query.opCode(), code(question)), query, question));
            }
        }
    }

    private void send(ChannelHandlerContext ctx, DnsQuestion question, DnsResponse response) {
        List<Runnable> waiting = held.get(key(question.name()));
        if (waiting == null) {
            ctx.writeAndFlush(response);
        } else {
            waiting.add(() -> ctx.writeAndFlush(response));
        }
    }

    /** Counts the query; null when it gets no answer (nothing asked, or a name the test ignores). */
    private DnsQuestion question(DnsQuery query, boolean overTcp) {
        queries.incrementAndGet();
        DnsQuestion question = query.recordAt(DnsSection.QUESTION);
        if (question == null) {
            return null; // nothing was asked: no answer, as from a server that drops malformed queries
        }
        for (Map<String, AtomicInteger> counts : overTcp ? List.of(queriesByName, tcpQueriesByName) : List.of(queriesByName)) {
            counts.computeIfAbsent(key(question.name()), name -> new AtomicInteger()).incrementAndGet();
        }
        return ignored.containsKey(key(question.name())) ? null : question;
    }

    private DnsResponseCode code(DnsQuestion question) {
        DnsResponseCode failure = failures.get(key(question.name()));
        if (failure != null) {
            return failure;
        }
        return table.containsKey(key(question.name())) || chosen.containsKey(key(question.name())) ? DnsResponseCode.NOERROR : DnsResponseCode.NXDOMAIN;
    }

    private static DnsResponse header(DnsResponse response, DnsQuery query, DnsQuestion question) {
        response.setAuthoritativeAnswer(true);
        response.setRecursionDesired(query.isRecursionDesired());
        response.setRecursionAvailable(true);
        // A copy: the query and its records are released when the handler returns.
        response.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(question.name(), question.type()));
        return response;
    }

    private DnsResponse answer(DnsResponse response, DnsQuery query, DnsQuestion question) {
        header(response, query, question);
        List<Record> records = chosen.get(key(question.name()));
        if (records != null) {
            records.forEach(r -> response.addRecord(r.section(), new DefaultDnsRawRecord(r.name(), r.type(), r.ttl(),
                    Unpooled.wrappedBuffer(r.data()))));
            return response;
        }
        if (response.code().equals(DnsResponseCode.NXDOMAIN)) {
            response.addRecord(DnsSection.AUTHORITY, new DefaultDnsRawRecord("test.", DnsRecordType.SOA, NEGATIVE_TTL,
                    soa(NEGATIVE_TTL)));
        }
        if (!response.code().equals(DnsResponseCode.NOERROR)) {
            return response;
        }
        for (InetAddress address : table.get(key(question.name()))) {
            boolean asked = question.type().equals(DnsRecordType.A) ? address instanceof Inet4Address
                    : question.type().equals(DnsRecordType.AAAA) && address instanceof Inet6Address;
            if (asked) {
                response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), question.type(), TTL,
                        Unpooled.wrappedBuffer(address.getAddress())));
            }
        }
        return response;
    }

    /** SOA data (RFC 1035 3.3.13): two names, then serial, refresh, retry, expire and the negative TTL. */
    private static ByteBuf soa(int minimum) {
        ByteBuf data = Unpooled.buffer();
        for (String name : List.of("ns.test", "hostmaster.test")) {
            writeName(data, name);
        }
        return data.writeInt(1).writeInt(3600).writeInt(600).writeInt(86400).writeInt(minimum);
    }

    private static void writeName(ByteBuf data, String name) {
        for (String label : name.split("\\.")) {
            if (!label.isEmpty()) {
                data.writeByte(label.length()).writeBytes(label.getBytes(StandardCharsets.US_ASCII));
            }
        }
        data.writeByte(0);
    }

    private static int count(Map<String, AtomicInteger> counts, String name) {
        AtomicInteger count = counts.get(key(name));
        return count == null ? 0 : count.get();
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static InetAddress address(String text) {
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(text);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        return address;
    }
}
