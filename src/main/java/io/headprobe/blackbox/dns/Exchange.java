package io.headprobe.blackbox.dns;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.headprobe.probe.ProbeTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DefaultDnsQuery;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryEncoder;
import io.netty.handler.codec.dns.TcpDnsResponseDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * One query and its response, as miekg/dns's Exchange in blackbox: one message over UDP (a
 * connected socket, so only the server's datagrams are read) or TCP, a response with another id
 * ignored, no retry (not even over TCP after a truncated UDP answer). Whatever happens (silence,
 * garbage, a closed connection) ends it by the deadline, on the channel's event loop.
 */
final class Exchange extends SimpleChannelInboundHandler<DnsResponse> {

    /** Room for any datagram: Netty's default 2048 bytes would cut a larger answer into garbage. */
    private static final int MAX_MESSAGE = 65535;

    private final DnsModule module;
    private final double dnsSeconds;
    private final UniEmitter<? super DnsResult> emitter;
    private final AtomicBoolean done = new AtomicBoolean();
    private final int id = ThreadLocalRandom.current().nextInt(1 << 16);
    private String address;
    private ProbeTls tls;
    private String serverName;
    private long started;
    private long sent;

    Exchange(DnsModule module, double dnsSeconds, UniEmitter<? super DnsResult> emitter) {
        this.module = module;
        this.dnsSeconds = dnsSeconds;
        this.emitter = emitter;
    }

    /** @param tls null for plain TCP or UDP; else the TLS client that checks the server's certificate for serverName */
    Exchange overTls(ProbeTls tls, String serverName) {
        this.tls = tls;
        this.serverName = serverName;
        return this;
    }

    void start(EventLoop loop, InetSocketAddress server, long deadline) {
        started = System.nanoTime();
        address = NetUtil.toAddressString(server.getAddress());
        Bootstrap bootstrap = new Bootstrap().group(loop).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                if (tls != null) {
                    // The query waits in the SslHandler until the handshake is done; a failed handshake is an exception here.
                    channel.pipeline().addLast(new SslHandler(tls.connect(serverName, server.getPort(), !module.insecureSkipVerify(),
                            module.caFile().orElse(null)).engine()));
                }
                if (module.tcp()) {
                    channel.pipeline().addLast(new TcpDnsQueryEncoder(), new TcpDnsResponseDecoder(new RrText(), MAX_MESSAGE),
                            Exchange.this);
                } else {
                    channel.pipeline().addLast(new DatagramDnsQueryEncoder(), new DatagramDnsResponseDecoder(new RrText()),
                            Exchange.this);
                }
            }
        });
        if (module.tcp()) {
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - started));
            bootstrap.channel(NioSocketChannel.class).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, millis));
        } else {
            bootstrap.channel(NioDatagramChannel.class).option(ChannelOption.RCVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(MAX_MESSAGE));
        }
        ScheduledFuture<?> timeout = loop.schedule(() -> fail("Error while sending a DNS query: i/o timeout"),
                deadline - started, TimeUnit.NANOSECONDS);
        // source_ip_address: the query leaves from it, over UDP as over TCP (Go's Dialer.LocalAddr).
        ChannelFuture connecting = bootstrap.connect(server,
                module.sourceIpAddress() == null ? null : new InetSocketAddress(module.sourceIpAddress(), 0));
        emitter.onTermination(() -> {
            timeout.cancel(false);
            connecting.addListener(connected -> connecting.channel().close());
        });
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                fail("Error while sending a DNS query: " + connected.cause().getMessage());
                return;
            }
            sent = System.nanoTime();
            connecting.channel().writeAndFlush(query(server)).addListener(written -> {
                if (!written.isSuccess()) {
                    fail("Error while sending a DNS query: " + written.cause().getMessage());
                }
            });
        });
    }

    private DnsQuery query(InetSocketAddress server) {
        DnsQuery query = module.tcp() ? new DefaultDnsQuery(id) : new DatagramDnsQuery(null, server, id);
        query.setRecursionDesired(module.recursionDesired());
        query.addRecord(DnsSection.QUESTION, question(module.queryName(), module.queryType(), module.queryClass()));
        return query;
    }

    /** The question as blackbox asks it: the name made fully qualified (Go's dns.Fqdn). */
    static DefaultDnsQuestion question(String name, int type, int dnsClass) {
        return new DefaultDnsQuestion(name.endsWith(".") ? name : name + ".", DnsRecordType.valueOf(type), dnsClass);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DnsResponse response) {
        if (response.id() != id) {
            return; // perhaps a late answer to an earlier query: miekg's client reads on
        }
        long now = System.nanoTime();
        List<String> answer = texts(response, DnsSection.ANSWER);
        List<String> authority = texts(response, DnsSection.AUTHORITY);
        List<String> additional = texts(response, DnsSection.ADDITIONAL);
        Long serial = null;
        if (module.queryType() == DnsModule.SOA) {
            serial = 0L;
            for (int i = 0; i < response.count(DnsSection.ANSWER); i++) {
                RrText.Rr rr = response.recordAt(DnsSection.ANSWER, i);
                serial = rr.serial() != null ? rr.serial() : serial;
            }
        }
        StringBuilder log = new StringBuilder("Got response: rcode ").append(response.code()).append('\n');
        answer.forEach(rr -> log.append("answer: ").append(rr).append('\n'));
        authority.forEach(rr -> log.append("authority: ").append(rr).append('\n'));
        additional.forEach(rr -> log.append("additional: ").append(rr).append('\n'));
        boolean success = validRcode(response.code().intValue(), log)
                && valid("Answer", module.answer(), answer, log)
                && valid("Authority", module.authority(), authority, log)
                && valid("Additional", module.additional(), additional, log);
        finish(new DnsResult(success, dnsSeconds, address, dnsSeconds, (sent - started) / 1e9, (now - sent) / 1e9, true,
                answer.size(), authority.size(), additional.size(), serial, log.toString()));
    }

    private boolean validRcode(int rcode, StringBuilder log) {
        if (module.validRcodes().contains(rcode)) {
            return true;
        }
        log.append("Rcode is not one of the valid rcodes: ").append(rcode).append('\n');
        return false;
    }

    private static boolean valid(String section, RrValidator validator, List<String> rrs, StringBuilder log) {
        if (validator.valid(rrs, log)) {
            return true;
        }
        log.append(section).append(" RRs validation failed\n");
        return false;
    }

    private static List<String> texts(DnsResponse response, DnsSection section) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < response.count(section); i++) {
            texts.add(response.<RrText.Rr> recordAt(section, i).text());
        }
        return texts;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail("Error while sending a DNS query: " + cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail("Error while sending a DNS query: the server closed the connection");
    }

    private void fail(String log) {
        long now = System.nanoTime();
        double connect = ((sent == 0 ? now : sent) - started) / 1e9;
        finish(DnsResult.failed(dnsSeconds, address, dnsSeconds, connect, sent == 0 ? 0 : (now - sent) / 1e9, log));
    }

    private void finish(DnsResult result) {
        if (done.compareAndSet(false, true)) {
            emitter.complete(result);
        }
    }
}
