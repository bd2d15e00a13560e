package io.headprobe.testing;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.NetUtil;

/**
 * A DNS server on 127.0.0.1 (or another loopback address; UDP, random port) that answers from a table the test gives: an A query
 * gets the name's IPv4 addresses, an AAAA query its IPv6 ones, each in table order; a name not in
 * the table gets NXDOMAIN, and a query type the name has no address of gets an empty NOERROR answer,
 * as a real server would. Netty's DNS codec reads the queries and writes the answers. Every query is
 * counted before it is answered, so once a client has its answer the counts are final.
 */
public final class DnsServer implements AutoCloseable {

    private final Map<String, List<InetAddress>> table = new HashMap<>();
    private final Map<String, AtomicInteger> queriesByName = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final EventLoopGroup loop = new NioEventLoopGroup(1);
    private final Channel channel;

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
        channel = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(), new Answering());
                    }
                })
                .bind(loopback, 0).syncUninterruptibly().channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** As headprobe.dns.server wants it. */
    public String address() {
        return NetUtil.toSocketAddressString((InetSocketAddress) channel.localAddress());
    }

    /** Queries received so far, of any name and type. */
    public int queries() {
        return queries.get();
    }

    /** Queries received so far for this name, of any type. */
    public int queries(String name) {
        AtomicInteger count = queriesByName.get(key(name));
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Answering extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            queries.incrementAndGet();
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            if (question == null) {
                return; // nothing was asked: no answer, as from a server that drops malformed queries
            }
            queriesByName.computeIfAbsent(key(question.name()), name -> new AtomicInteger()).incrementAndGet();
            List<InetAddress> known = table.get(key(question.name()));
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id(),
                    query.opCode(), known == null ? DnsResponseCode.NXDOMAIN : DnsResponseCode.NOERROR);
            response.setAuthoritativeAnswer(true);
            response.setRecursionDesired(query.isRecursionDesired());
            response.setRecursionAvailable(true);
            // A copy: the query and its records are released when this method returns.
            response.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(question.name(), question.type()));
            for (InetAddress address : known == null ? List.<InetAddress>of() : known) {
                boolean asked = question.type().equals(DnsRecordType.A) ? address instanceof Inet4Address
                        : question.type().equals(DnsRecordType.AAAA) && address instanceof Inet6Address;
                if (asked) {
                    response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), question.type(), 60,
                            Unpooled.wrappedBuffer(address.getAddress())));
                }
            }
            ctx.writeAndFlush(response);
        }
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
