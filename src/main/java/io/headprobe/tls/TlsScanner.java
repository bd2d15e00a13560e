package io.headprobe.tls;

import io.headprobe.tls.model.TlsScan;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.headprobe.tls.ServerAnswer.Kind;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The scanning engine: what one address accepts, learnt from hellos alone (see {@link ClientHello}).
 * Every connection goes to the address given, which the caller's guard has allowed. The hellos run
 * {@code parallelism} at a time on threads of the scan's own, each connect and read bounded by the
 * handshake timeout and by the deadline; at the deadline the scan returns what it knows, marked
 * incomplete. It leaves {@code certificate} and {@code rating} null: {@link TlsScans} adds them.
 *
 * <p>The order: one hello per version (SSLv2 to TLS 1.3), then for each version accepted its suites
 * (offer all, take out the one chosen, again until the server refuses), the groups, the DH prime
 * and TLS_FALLBACK_SCSV, then the server's order (two suites offered both ways round).
 */
public final class TlsScanner {

    private final Duration handshakeTimeout;

    public TlsScanner(Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }

    /** The scan on a worker thread: it blocks on sockets, never on an event loop. */
    public Uni<TlsScan> scan(InetSocketAddress address, String host, long deadlineNanos, int parallelism) {
        return Uni.createFrom().item(() -> scanBlocking(address, host, deadlineNanos, parallelism))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * @param host the SNI name, null for none (an IP literal target)
     * @param deadlineNanos {@link System#nanoTime()} by which the scan returns, complete or not
     */
    public TlsScan scanBlocking(InetSocketAddress address, String host, long deadlineNanos, int parallelism) {
        Scan scan = new Scan(address, host, deadlineNanos, parallelism);
        try {
            return scan.run();
        } finally {
            scan.pool.shutdownNow();
        }
    }

    private static final List<Version> VERSIONS = List.of(new Version("SSLv2", 0x0002), new Version("SSLv3", ClientHello.SSL3),
            new Version("TLSv1", ClientHello.TLS10), new Version("TLSv1.1", ClientHello.TLS11),
            new Version("TLSv1.2", ClientHello.TLS12), new Version("TLSv1.3", ClientHello.TLS13));

    private record Version(String name, int code) {
        boolean sslv2() {
            return code == 0x0002;
        }

        boolean tls13() {
            return code == ClientHello.TLS13;
        }

        /** The suites a hello of this version offers, in code order. */
        List<CipherSuites.Known> candidates() {
            return sslv2() ? CipherSuites.SSLV2 : tls13() ? CipherSuites.tls13() : CipherSuites.legacy();
        }
    }

    /** The deadline came: what a task was doing is dropped, what the scan knew is kept. */
    private static final class DeadlineException extends RuntimeException {
        DeadlineException() {
            super("the scan's time ran out", null, false, false);
        }
    }

    /** One scan's state; the tasks of a phase share it. */
    private final class Scan {
        final InetSocketAddress address;
        final String host;
        final long deadline;
        final ExecutorService pool;
        final long start = System.nanoTime();
        final AtomicInteger handshakes = new AtomicInteger();
        final AtomicReference<String> error = new AtomicReference<>();
        volatile boolean cut;
        /** The answer to the first hello of each version, which offered every suite. */
        final Map<Version, ServerAnswer> first = new ConcurrentHashMap<>();
        /** Per version accepted, its suites in the order the server chose them. */
        final Map<Version, List<CipherSuites.Known>> suites = new ConcurrentHashMap<>();
        final Map<Version, Boolean> serverOrder = new ConcurrentHashMap<>();
        final Set<Integer> groups = ConcurrentHashMap.newKeySet();
        final AtomicReference<Integer> dhBits = new AtomicReference<>();
        final AtomicReference<Boolean> fallbackScsv = new AtomicReference<>();

        Scan(InetSocketAddress address, String host, long deadline, int parallelism) {
            this.address = address;
            this.host = host;
            this.deadline = deadline;
            AtomicInteger threads = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(Math.max(1, parallelism), work -> {
                Thread thread = new Thread(work, "headprobe-tls-scan-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        TlsScan run() {
            phase(VERSIONS.stream().<Callable<Void>> map(version -> () -> {
                first.put(version, version.sslv2() ? askSslv2(version.candidates()) : ask(hello(version, codes(version.candidates()))));
                return null;
            }).toList());
            List<Version> accepted = VERSIONS.stream().filter(this::accepts).toList();
            List<Callable<Void>> second = new ArrayList<>();
            for (Version version : accepted) {
                second.add(() -> enumerate(version));
            }
            second.addAll(groupTasks(accepted));
            legacyTop(accepted).ifPresent(top -> second.add(() -> dhPrime(top)));
            List<Version> tls = accepted.stream().filter(version -> !version.sslv2()).toList();
            if (tls.size() >= 2) {
                second.add(() -> fallback(tls.get(tls.size() - 2)));
            }
            phase(second);
            phase(accepted.stream().filter(version -> !version.sslv2() && suites.getOrDefault(version, List.of()).size() >= 2)
                    .<Callable<Void>> map(version -> () -> order(version)).toList());
            return result(accepted);
        }

        boolean accepts(Version version) {
            ServerAnswer answer = first.get(version);
            return answer != null && answer.hello() && answer.version() == version.code();
        }

        /** Runs the tasks {@code parallelism} at a time and waits for all; they end by the deadline. */
        void phase(List<Callable<Void>> tasks) {
            if (cut || tasks.isEmpty()) {
                return;
            }
            try {
                for (Future<Void> done : pool.invokeAll(tasks)) {
                    try {
                        done.get();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof DeadlineException) {
                            cut = true;
                        } else if (e.getCause() instanceof UncheckedIOException io) {
                            error.compareAndSet(null, describe(io.getCause()));
                        } else {
                            error.compareAndSet(null, String.valueOf(e.getCause()));
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cut = true;
            }
        }

        /** Offers every suite less those already chosen, until the server refuses. */
        Void enumerate(Version version) {
            List<CipherSuites.Known> found = new ArrayList<>();
            suites.put(version, found);
            if (version.sslv2()) {
                // An SSLv2 server lists every kind it shares at once.
                first.get(version).sslv2Kinds().forEach(kind -> version.candidates().stream()
                        .filter(known -> known.code() == kind).findFirst().ifPresent(found::add));
                return null;
            }
            List<CipherSuites.Known> left = new ArrayList<>(version.candidates());
            ServerAnswer answer = first.get(version);
            while (true) {
                CipherSuites.Known chosen = chosen(answer, version, left);
                if (chosen == null) {
                    return null;
                }
                found.add(chosen);
                left.remove(chosen);
                if (left.isEmpty()) {
                    return null;
                }
                answer = ask(hello(version, codes(left)));
            }
        }

        /** The offered suite the server chose in this version, or null when it chose none. */
        CipherSuites.Known chosen(ServerAnswer answer, Version version, List<CipherSuites.Known> offered) {
            if (!answer.hello() || answer.version() != version.code()) {
                return null;
            }
            return offered.stream().filter(known -> known.code() == answer.suite()).findFirst().orElse(null);
        }

        /** Server order: two suites offered both ways; the same answer twice is the server's choice. */
        Void order(Version version) {
            List<CipherSuites.Known> found = suites.get(version);
            int a = found.get(0).code();
            int b = found.get(1).code();
            ServerAnswer ab = ask(hello(version, List.of(a, b)));
            ServerAnswer ba = ask(hello(version, List.of(b, a)));
            if (ab.hello() && ba.hello()) {
                serverOrder.put(version, ab.suite() == ba.suite());
            }
            return null;
        }

        /**
         * TLS 1.3: one group offered at a time with no key share; the HelloRetryRequest names it if the
         * server takes it. Else TLS 1.2 and older: one curve with the ECDHE suites, read from the
         * ServerKeyExchange. (A finite-field group in TLS 1.2 is not named in the exchange.)
         */
        List<Callable<Void>> groupTasks(List<Version> accepted) {
            List<Callable<Void>> tasks = new ArrayList<>();
            Version tls13 = VERSIONS.get(5);
            if (accepted.contains(tls13)) {
                for (NamedGroups.Group group : NamedGroups.ALL) {
                    tasks.add(() -> {
                        ServerAnswer answer = ask(new ClientHello(tls13.code(), codes(tls13.candidates()), List.of(group.code()), host, false));
                        if (answer.hello() && answer.version() == tls13.code() && Integer.valueOf(group.code()).equals(answer.group())) {
                            groups.add(group.code());
                        }
                        return null;
                    });
                }
                return tasks;
            }
            legacyTop(accepted).filter(top -> top.code() >= ClientHello.TLS10).ifPresent(top -> {
                List<Integer> ecdhe = codes(top.candidates().stream().filter(known -> known.keyExchange().equals("ECDHE")).toList());
                for (NamedGroups.Group group : NamedGroups.ALL) {
                    if (group.elliptic()) {
                        tasks.add(() -> {
                            ServerAnswer answer = ask(new ClientHello(top.code(), ecdhe, List.of(group.code()), host, false), true);
                            if (answer.hello() && answer.version() == top.code() && Integer.valueOf(group.code()).equals(answer.group())) {
                                groups.add(group.code());
                            }
                            return null;
                        });
                    }
                }
            });
            return tasks;
        }

        /** The DH prime's size, from a hello offering only finite-field DH suites. */
        Void dhPrime(Version top) {
            List<Integer> dhe = codes(top.candidates().stream().filter(known -> known.keyExchange().equals("DHE")
                    || (known.keyExchange().equals("anon") && known.name().startsWith("TLS_DH_"))).toList());
            ServerAnswer answer = ask(new ClientHello(top.code(), dhe, NamedGroups.TLS12_CODES.stream()
                    .filter(code -> code < 0x0100).toList(), host, false), true);
            if (answer.dhBits() != null) {
                dhBits.set(answer.dhBits());
            }
            return null;
        }

        /** A hello of a lower version than the server's best, flagged a fallback: RFC 7507 says refuse it. */
        Void fallback(Version lower) {
            List<Integer> offered = new ArrayList<>(codes(lower.candidates()));
            offered.add(CipherSuites.FALLBACK_SCSV);
            ServerAnswer answer = ask(new ClientHello(lower.code(), offered, NamedGroups.TLS12_CODES, host, false));
            if (answer.kind() == Kind.ALERT) {
                fallbackScsv.set(answer.alert() == ServerAnswer.INAPPROPRIATE_FALLBACK);
            } else if (answer.hello()) {
                fallbackScsv.set(false);
            }
            return null;
        }

        /** The newest of SSLv3 to TLS 1.2 the server accepts. */
        Optional<Version> legacyTop(List<Version> accepted) {
            return accepted.stream().filter(version -> !version.sslv2() && !version.tls13())
                    .reduce((older, newer) -> newer);
        }

        ClientHello hello(Version version, List<Integer> suites) {
            if (version.tls13()) {
                return new ClientHello(version.code(), suites, NamedGroups.CODES, host, false);
            }
            // The renegotiation SCSV asks for renegotiation_info (RFC 5746) where an extension may not go (SSLv3).
            List<Integer> offered = new ArrayList<>(suites);
            offered.add(CipherSuites.RENEGOTIATION_SCSV);
            return new ClientHello(version.code(), offered, NamedGroups.TLS12_CODES, host, true);
        }

        ServerAnswer ask(ClientHello hello) {
            return ask(hello, false);
        }

        ServerAnswer ask(ClientHello hello, boolean keyExchange) {
            return exchange(hello.bytes(), in -> ServerAnswer.read(in, keyExchange));
        }

        ServerAnswer askSslv2(List<CipherSuites.Known> kinds) {
            return exchange(ClientHello.sslv2(codes(kinds)), ServerAnswer::readSslv2);
        }

        ServerAnswer exchange(byte[] hello, Reader reader) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || cut) {
                throw new DeadlineException();
            }
            int timeout = (int) Math.max(1, Math.min(left, handshakeTimeout.toMillis()));
            handshakes.incrementAndGet();
            try (Socket socket = new Socket()) {
                socket.connect(address, timeout);
                socket.setSoTimeout(timeout);
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                out.write(hello);
                out.flush();
                ServerAnswer answer;
                try {
                    answer = reader.read(timed(socket, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout)));
                } catch (IOException e) {
                    answer = ServerAnswer.NOTHING; // reset after the hello: the server would not have it
                }
                if (answer.kind() == Kind.NONE && System.nanoTime() - deadline >= 0) {
                    throw new DeadlineException(); // silence until the deadline says nothing about the hello
                }
                return answer;
            } catch (IOException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new DeadlineException();
                }
                throw new UncheckedIOException(e);
            }
        }

        TlsScan result(List<Version> accepted) {
            List<TlsScan.ProtocolSuites> perVersion = new ArrayList<>();
            Map<String, Boolean> weak = new LinkedHashMap<>();
            CipherSuites.WEAK_CLASSES.forEach(name -> weak.put(name, false));
            Boolean forwardSecrecy = null;
            for (Version version : accepted) {
                List<CipherSuites.Known> found = suites.getOrDefault(version, List.of());
                Boolean order = found.size() < 2 ? null : serverOrder.get(version);
                List<CipherSuites.Known> listed = new ArrayList<>(found);
                if (!Boolean.TRUE.equals(order)) {
                    listed.sort(Comparator.comparingInt(CipherSuites.Known::code));
                }
                List<TlsScan.Suite> reported = listed.stream().map(known -> known.reported(version.name())).toList();
                perVersion.add(new TlsScan.ProtocolSuites(version.name(), order, reported));
                for (TlsScan.Suite suite : reported) {
                    suite.weak().forEach(name -> weak.put(name, true));
                    forwardSecrecy = (forwardSecrecy == null || forwardSecrecy) && suite.forwardSecret();
                }
            }
            List<ServerAnswer> legacy = accepted.stream().filter(version -> !version.sslv2() && !version.tls13())
                    .map(first::get).toList();
            Boolean renegotiation = legacy.isEmpty() ? null : legacy.get(legacy.size() - 1).renegotiationInfo();
            boolean compression = legacy.stream().anyMatch(answer -> answer.compression() != 0);
            String failure = error.get();
            if (accepted.isEmpty() && failure == null && !cut) {
                failure = "no SSL or TLS version accepted";
            }
            return new TlsScan(host, hostPort(address), !cut && error.get() == null,
                    accepted.stream().map(Version::name).toList(), perVersion, names(groups), dhBits.get(), forwardSecrecy,
                    weak.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList(),
                    fallbackScsv.get(), renegotiation, compression, null, null, handshakes.get(),
                    (System.nanoTime() - start) / 1e6, cut && failure == null ? "the scan's time ran out" : failure);
        }
    }

    /**
     * The socket's input, each read waiting at most until {@code until}: the read timeout alone
     * bounds one read, and a server dripping a byte at a time would stretch a handshake for ever.
     */
    private static InputStream timed(Socket socket, long until) throws IOException {
        return new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read() throws IOException {
                waitAtMostUntil();
                return super.read();
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                waitAtMostUntil();
                return super.read(bytes, offset, length);
            }

            private void waitAtMostUntil() throws IOException {
                long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                if (left <= 0) {
                    throw new SocketTimeoutException("the handshake's time ran out");
                }
                socket.setSoTimeout((int) left);
            }
        };
    }

    @FunctionalInterface
    private interface Reader {
        ServerAnswer read(InputStream in) throws IOException;
    }

    private static List<Integer> codes(Collection<CipherSuites.Known> suites) {
        return suites.stream().map(CipherSuites.Known::code).toList();
    }

    private static List<String> names(Set<Integer> codes) {
        Set<Integer> sorted = new LinkedHashSet<>(codes.stream().sorted().toList());
        return NamedGroups.ALL.stream().filter(group -> sorted.contains(group.code())).map(NamedGroups.Group::name).toList();
    }

    private static String hostPort(InetSocketAddress address) {
        String ip = address.getAddress().getHostAddress();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + address.getPort();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
