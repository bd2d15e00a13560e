package io.headprobe.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.headprobe.http.Header;
import io.headprobe.audit.Audit;
import io.headprobe.audit.AuditedResponse;
import io.headprobe.audit.AuditedResponse.CookieSource;
import io.headprobe.audit.Cors;
import io.headprobe.audit.HstsPreloadFile;
import io.headprobe.audit.SecurityHeaders;
import io.headprobe.body.Body;
import io.headprobe.body.BodyFacts;
import io.headprobe.body.Decoding;
import io.headprobe.body.Favicons;
import io.headprobe.guard.AddressGuard;
import io.headprobe.guard.TargetUrl;
import io.headprobe.problem.ProblemException;
import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.unchecked.Unchecked;
import io.vertx.core.http.HttpMethod;

/**
 * The probe pipeline: each target is parsed, resolved, checked by the address guard, fetched
 * (again for every redirect hop) and optionally audited; whatever happens becomes a
 * {@link ProbeResult}, never a failure, except the 503 of a service with too many fetches waiting.
 */
@ApplicationScoped
public class Prober {

    private final Resolver resolver;
    private final AddressGuard guard;
    private final HeadFetcher fetcher;
    private final ProbeConfig config;
    private final ProbeMetrics metrics;
    private final HstsPreloadFile preload;
    /** The TLS scan step, or null where there is none; looked up late: the step itself needs this prober. */
    private final Supplier<TlsScanStep> tlsScans;

    private final FetchPermits permits;
    private final KeyedPermits perHost;
    private final KeyedPermits perAddress;

    /**
     * Where bodies are decoded and parsed: off the event loops, and a few at a time, because a
     * brotli stream may ask its decoder for a window of up to 16 MiB whatever the cap.
     */
    private final ExecutorService bodyWork;

    @Inject
    Prober(Resolver resolver, AddressGuard guard, HeadFetcher fetcher, ProbeConfig config, ProbeMetrics metrics,
            HstsPreloadFile preload, Instance<TlsScanStep> tlsScans) {
        this(resolver, guard, fetcher, config, metrics, preload, () -> tlsScans.isResolvable() ? tlsScans.get() : null);
    }

    /** Without CDI (the command line's wiring): {@code tlsScans} gives the step, or null for none. */
    public Prober(Resolver resolver, AddressGuard guard, HeadFetcher fetcher, ProbeConfig config, ProbeMetrics metrics,
            HstsPreloadFile preload, Supplier<TlsScanStep> tlsScans) {
        this.resolver = resolver;
        this.guard = guard;
        this.fetcher = fetcher;
        this.config = config;
        this.metrics = metrics;
        this.preload = preload;
        this.tlsScans = tlsScans;
        AtomicInteger threads = new AtomicInteger();
        bodyWork = Executors.newFixedThreadPool(config.bodyThreads(), work -> {
            Thread thread = new Thread(work, "headprobe-body-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        permits = new FetchPermits(config.maxInFlight(), config.maxQueuedFetches());
        perHost = new KeyedPermits(config.perHostConcurrency());
        perAddress = new KeyedPermits(config.perHostConcurrency());
        metrics.watchInFlight(permits, perHost, perAddress);
    }

    @PreDestroy
    void stopBodyWork() {
        bodyWork.shutdownNow();
    }

    /** Results in the order of the targets; a target given twice is fetched once. */
    public Uni<List<ProbeResult>> probeAll(List<String> targets, ProbeOptions options) {
        List<List<Integer>> groups = List.copyOf(sameTargets(targets));
        List<Uni<ProbeResult>> probes = groups.stream().map(same -> probe(targets.get(same.get(0)), options)).toList();
        return Uni.join().all(probes).usingConcurrencyOf(options.concurrency()).andFailFast()
                .onItem().transform(results -> {
                    ProbeResult[] inOrder = new ProbeResult[targets.size()];
                    for (int group = 0; group < groups.size(); group++) {
                        for (int position : groups.get(group)) {
                            inOrder[position] = results.get(group).withTarget(targets.get(position));
                        }
                    }
                    return List.of(inOrder);
                });
    }

    /** Results in the order the targets finish; a target given twice is fetched once and reported twice. */
    public Multi<ProbeResult> stream(List<String> targets, ProbeOptions options) {
        return Multi.createFrom().iterable(sameTargets(targets))
                .onItem().transformToUni(same -> probe(targets.get(same.get(0)), options)
                        .onItem().transform(result -> same.stream().map(i -> result.withTarget(targets.get(i))).toList()))
                .merge(options.concurrency())
                .onItem().disjoint();
    }

    /**
     * Results in the order the targets finish, the targets taken from {@code lines} as the probes
     * go: at most {@code options.concurrency()} ahead of the results, so a list of any length takes
     * the memory of that many. Before a target is fetched, {@code pace} must complete (a client's
     * rate limit waits there). A target is fetched each time it is given: remembering which were
     * given would hold the list.
     */
    public Multi<ProbeResult> stream(Multi<TargetLines.Line> lines, ProbeOptions options, Supplier<Uni<Void>> pace) {
        return lines
                .onItem().transformToUni(line -> line.tooLong()
                        ? Uni.createFrom().item(ProbeResult.notFetched(line.target(), new ProbeResult.Error(
                                ErrorCode.INVALID_TARGET, "line " + line.number() + " is longer than "
                                        + config.maxTargetLength() + " characters")))
                        : pace.get().onItem().transformToUni(paced -> probe(line.target(), options)))
                .merge(options.concurrency());
    }

    /** How many distinct targets (URLs) a request names. */
    public static int distinctTargets(List<String> targets) {
        return sameTargets(targets).size();
    }

    /**
     * What a request costs against a client's limits: a fetch for each distinct target, and for
     * each the extra fetches its options ask for, a TLS scan's cost among them.
     */
    public int cost(List<String> targets, ProbeOptions options) {
        return distinctTargets(targets) * costPerTarget(options);
    }

    /** What one target costs against a client's limits with these options. */
    public int costPerTarget(ProbeOptions options) {
        return fetchesPerTarget(options) + tlsScanCost(options);
    }

    /** What the TLS scan the options ask for costs, per target; 0 when they ask for none. */
    public int tlsScanCost(ProbeOptions options) {
        TlsScanStep step = tlsScanStep(options);
        return step == null ? 0 : step.cost();
    }

    /** The TLS scan step when the options ask for a scan and there is one; else null. */
    private TlsScanStep tlsScanStep(ProbeOptions options) {
        return options.tlsScan() ? tlsScans.get() : null;
    }

    /**
     * The page, and with an audit its robots.txt and CORS preflight (and the page again when its
     * certificate fails), with a favicon the icon.
     */
    static int fetchesPerTarget(ProbeOptions options) {
        // An audit of a page whose certificate fails fetches it again, unverified.
        int audit = options.audit() && options.auditFetches() ? (options.tlsVerify() ? 3 : 2) : 0;
        return 1 + audit + (options.body() != null && options.body().favicon() ? 1 : 0);
    }

    /**
     * The positions of the targets grouped by the URL they mean ("example.org" and
     * "https://example.org/" are one), in the order each URL first appears.
     */
    private static Collection<List<Integer>> sameTargets(List<String> targets) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            positions.computeIfAbsent(key(targets.get(i)), k -> new ArrayList<>()).add(i);
        }
        return positions.values();
    }

    private static String key(String target) {
        try {
            return TargetUrl.parse(target).toString();
        } catch (RuntimeException e) {
            return target;
        }
    }

    public Uni<ProbeResult> probe(String target, ProbeOptions options) {
        return probe(target, options, text -> {
        });
    }

    /**
     * @param bodyText given the body's decoded text (up to the cap; null when no body was read or
     *        it is not text) just before the result is, for a caller that searches it (the command
     *        line's regexes); a result itself holds no body
     */
    public Uni<ProbeResult> probe(String target, ProbeOptions options, Consumer<String> bodyText) {
        return Uni.createFrom().deferred(() -> probe(target, options, bodyText, System.nanoTime() + options.timeout().toNanos()));
    }

    /** @param deadline when every fetch of the target, the page's and the later ones, is over */
    private Uni<ProbeResult> probe(String target, ProbeOptions options, Consumer<String> bodyText, long deadline) {
        return page(target, options)
                .onItem().transformToUni(page -> favicon(page, options, deadline))
                .onItem().invoke(page -> bodyText.accept(page.body() == null ? null : page.body().page().text()))
                .onItem().transformToUni(page -> (options.audit() ? audit(target, page, options, deadline)
                        : Uni.createFrom().item(page.result()))
                        .onTermination().invoke(page::release))
                .onItem().transformToUni(result -> tlsScanStep(options) == null ? Uni.createFrom().item(result)
                        : tlsScanStep(options).scan(result, deadline))
                .onItem().invoke(metrics::probed);
    }

    /** A target fetched, its body read when the options ask for it. */
    private Uni<Fetched> page(String target, ProbeOptions options) {
        return fetchTarget(target, options)
                .onItem().transformToUni(fetched -> fetched.hasRaw() ? readBody(fetched, options)
                        : Uni.createFrom().item(fetched));
    }

    /**
     * The page's icon, when asked for: its {@code <link rel=icon>} or else /favicon.ico, fetched as
     * any target is (the guard, the limits, redirects) with the page's body cap, and hashed.
     */
    private Uni<Fetched> favicon(Fetched page, ProbeOptions options, long deadline) {
        if (options.body() == null || !options.body().favicon() || page.body() == null) {
            return Uni.createFrom().item(page);
        }
        String url = Favicons.iconUrl(page.body().page().html(), page.result().url());
        if (url == null) {
            return Uni.createFrom().item(page);
        }
        byte[] inline = Favicons.dataIcon(url);
        Uni<BodyFacts.Favicon> icon = inline != null
                // An icon inlined as a data: URL is hashed as it is; the URL itself may be long.
                ? Uni.createFrom().item(Favicons.hash("data:", 200, inline))
                : fetchTarget(url, options.forIcon(sameOrigin(url, page.result().url())).within(deadline))
                        .onItem().transformToUni(fetched -> iconHash(url, fetched, options.body().maxBytes()));
        return icon.onItem().transform(hashed -> page.update(page.result().withBody(page.result().body().withFavicon(hashed))));
    }

    private Uni<BodyFacts.Favicon> iconHash(String url, Fetched fetched, int cap) {
        ProbeResult result = fetched.result();
        if (!result.ok()) {
            return Uni.createFrom().item(new BodyFacts.Favicon(url, null, null, null, null,
                    result.error().code() + ": " + result.error().message()));
        }
        if (!fetched.hasRaw()) {
            return Uni.createFrom().item(new BodyFacts.Favicon(url, result.status(), null, null, null, "no body was read"));
        }
        return Uni.createFrom().item(() -> {
            BodyBuffer.RawBody raw = fetched.takeRaw();
            return Favicons.hash(result.url(), result.status(), Decoding.decode(raw.bytes(), raw.length(),
                    Header.first(result.headers(), "Content-Encoding"), cap).bytes());
        }).runSubscriptionOn(bodyWork);
    }

    /**
     * A target's answer, from its URL through each redirect, within the options' timeout; or why
     * there is none.
     */
    private Uni<Fetched> fetchTarget(String target, ProbeOptions options) {
        return Uni.createFrom().deferred(() -> {
            // One event loop runs the probe's connections and its timeout: a connection's failure
            // is then handed on either before the timeout or not at all (once the timeout has
            // closed it), never while the timeout cancels the pipeline (Mutiny logs what it drops).
            EventLoop loop = fetcher.nextLoop();
            Trace trace = new Trace(target, loop, options.timeout());
            return Uni.createFrom().item(() -> TargetUrl.parse(target))
                    .onItem().transformToUni(url -> follow(url, trace, options))
                    .ifNoItem().after(options.timeout()).on(loop).failWith(() -> new TimeoutException(
                            "no complete response head within " + options.timeout().toMillis() + " ms"))
                    .onItem().transform(trace::answered)
                    // An overloaded service is not the target's failure: the request as a whole is refused.
                    .onFailure(FetchPermits.QueueFullException.class).transform(this::overloaded)
                    .onFailure(failure -> !(failure instanceof ProblemException))
                    .recoverWithItem(failure -> new Fetched(trace.failed(Failures.classify(failure), Failures.tls(failure)),
                            null, List.of()))
                    // Subscribed on that loop, so the timeout is scheduled and cancelled there. From another
                    // thread, Netty queues a timer due after the loop's next wake-up, and its cancellation,
                    // without waking the loop: a target refused at once (no I/O to wake it) then stayed
                    // queued for up to the timeout, 10 s of a long list's pipelines (bench/cli-memory.sh).
                    .runSubscriptionOn(loop);
        });
    }

    /**
     * What was read of the body becomes its facts, off the event loop (decoding and parsing a page
     * takes a while), and the bytes are let go: a result holds facts only.
     */
    private Uni<Fetched> readBody(Fetched fetched, ProbeOptions options) {
        return Uni.createFrom().item(() -> {
            ProbeResult result = fetched.result();
            BodyBuffer.RawBody raw = fetched.takeRaw();
            Body body = Body.read(raw.bytes(), raw.length(), raw.truncated(), Header.first(result.headers(), "Content-Encoding"),
                    Header.first(result.headers(), "Content-Type"), options.body().maxBytes(), result.url());
            return fetched.read(result.withBody(body.facts()), body);
        }).runSubscriptionOn(bodyWork);
    }

    /**
     * A target's answer as fetched: the result so far, the Set-Cookie values of the redirects
     * before it, and, while they are looked at, the body's bytes and then the page they made.
     * Those are handed over once and then let go: Mutiny keeps what the lambdas of a request's
     * pipelines captured until the whole request is done, and a request of thousands of targets
     * must not keep thousands of pages (bench/body.sh saw every body of a request stay in memory).
     */
    private static final class Fetched {
        private final List<CookieSource> earlierCookies;
        private ProbeResult result;
        private BodyBuffer.RawBody raw;
        private Body body;

        Fetched(ProbeResult result, BodyBuffer.RawBody raw, List<CookieSource> earlierCookies) {
            this.result = result;
            this.raw = raw;
            this.earlierCookies = earlierCookies;
        }

        synchronized ProbeResult result() {
            return result;
        }

        List<CookieSource> earlierCookies() {
            return earlierCookies;
        }

        synchronized boolean hasRaw() {
            return raw != null;
        }

        /** The body's bytes, once. */
        synchronized BodyBuffer.RawBody takeRaw() {
            BodyBuffer.RawBody taken = raw;
            raw = null;
            return taken;
        }

        /** The page the bytes made, and the result with its facts. */
        synchronized Fetched read(ProbeResult withFacts, Body page) {
            result = withFacts;
            body = page;
            return this;
        }

        synchronized Body body() {
            return body;
        }

        synchronized Fetched update(ProbeResult changed) {
            result = changed;
            return this;
        }

        /** Done with the page: only the result is kept. */
        synchronized void release() {
            raw = null;
            body = null;
        }
    }

    private Uni<Hop> follow(TargetUrl url, Trace trace, ProbeOptions options) {
        trace.at(url);
        return fetch(url, trace, options)
                .onItem().transformToUni(hop -> {
                    String location = Header.first(hop.headers(), "Location");
                    if (!hop.isFollowed(options.followRedirects())) {
                        return Uni.createFrom().item(hop);
                    }
                    if (trace.redirectCount() >= options.maxRedirects()) {
                        throw new Failures.TooManyRedirectsException(
                                "more than " + options.maxRedirects() + " redirects");
                    }
                    TargetUrl next = url.follow(location);
                    trace.redirected(new ProbeResult.Redirect(url.toString(), hop.status(), location, hop.timings(),
                            hop.remoteAddress(), hop.tls()), Header.all(hop.headers(), "Set-Cookie"));
                    return follow(next, trace, options.following(location, hop.status()));
                });
    }

    /**
     * One hop: resolve, check every address, then connect to them in turn until one answers; or
     * through the options' proxy, when it takes this target.
     */
    private Uni<Hop> fetch(TargetUrl url, Trace trace, ProbeOptions options) {
        HttpProxy proxy = options.proxy();
        if (proxy != null && proxy.skipResolve()) {
            HttpProxy.Proxy via = proxy.choose(url, url.host());
            if (via != null) {
                // skip_resolve_phase_with_proxy: the proxy resolves the name and decides where it may go.
                return throughProxy(url, via, null, trace, options);
            }
        }
        long resolving = System.nanoTime();
        return resolver.resolve(url)
                .onItem().transform(Unchecked.function(resolved -> {
                    // A literal address needs no lookup; a name's lookup is timed, hosts file included.
                    Double dnsMs = url.literal().isPresent() ? null : ProbeResult.Timings.msSince(resolving);
                    trace.resolved(resolved.stream().map(NetUtil::toAddressString).toList());
                    return new Candidates(AddressOrder.of(url.host(), checked(url.host(), resolved), options.ipVersion()), dnsMs);
                }))
                .onItem().transformToUni(candidates -> {
                    InetAddress first = candidates.addresses().get(0);
                    // blackbox puts the address it resolved in the first request's URL, which Go's no_proxy then matches.
                    HttpProxy.Proxy via = proxy == null ? null
                            : proxy.choose(url, trace.redirectCount() == 0 ? NetUtil.toAddressString(first) : url.host());
                    Uni<Hop> hop = via != null ? throughProxy(url, via, first, trace, options)
                            : perHost.withPermit(url.host(), () -> attempt(url, candidates.addresses(), 0, options, trace, null));
                    return hop.onItem().transform(answer -> answer.withDnsMs(candidates.dnsMs()));
                });
    }

    /**
     * One hop through {@code via}, whose addresses the guard checks as any target's: it is where
     * HeadProbe connects. An https target's tunnel goes to {@code target}, the address resolved and
     * checked here, so that the proxy cannot be sent elsewhere by a second lookup; to the target's
     * name when it was not resolved (the proxy decides then). An http target's request names its
     * Host, as Go's does, and the proxy resolves it.
     */
    private Uni<Hop> throughProxy(TargetUrl url, HttpProxy.Proxy via, InetAddress target, Trace trace, ProbeOptions options) {
        String tunnelTo = target == null ? url.hostHeader() + ":" + url.port()
                : NetUtil.toSocketAddressString(target.getHostAddress(), url.port());
        HeadFetcher.Via route = new HeadFetcher.Via(via, tunnelTo, options.proxy().connectHeaders(),
                target == null ? null : NetUtil.toAddressString(target));
        return resolver.resolve(via.url())
                .onItem().transform(Unchecked.function(resolved -> AddressOrder.of(via.url().host(),
                        checked("the proxy " + via.address(), resolved), null)))
                .onItem().transformToUni(addresses -> perHost.withPermit(url.host(),
                        () -> attempt(url, addresses, 0, options, trace, route)))
                .onFailure(HeadFetcher.ConnectAttemptException.class).transform(failure -> new HeadFetcher.ProxyException(
                        "the proxy " + via.address() + " could not be reached: " + failure.getMessage()));
    }

    private record Candidates(List<InetAddress> addresses, Double dnsMs) {
    }

    /**
     * Happy Eyeballs in its simple form: an address that refuses, is unreachable or does not accept
     * the connection within {@code headprobe.probe.connect-attempt-timeout} gives way to the next.
     * Once a connection is up, whatever happens (TLS, the response) is that target's answer.
     */
    private Uni<Hop> attempt(TargetUrl url, List<InetAddress> addresses, int index, ProbeOptions options, Trace trace,
            HeadFetcher.Via via) {
        InetAddress address = addresses.get(index);
        boolean last = index == addresses.size() - 1;
        long connectTimeout = last ? options.timeout().toMillis()
                : Math.min(config.connectAttemptTimeout().toMillis(), options.timeout().toMillis());
        Uni<Hop> hop = perAddress.withPermit(NetUtil.toAddressString(address),
                () -> permits.withPermit(
                        () -> metrics.timed(() -> fetcher.fetch(url, address, via, options, connectTimeout, trace.loop,
                                trace.bodyDeadline))));
        return last ? hop
                : hop.onFailure(HeadFetcher.ConnectAttemptException.class)
                        .recoverWithUni(() -> attempt(url, addresses, index + 1, options, trace, via));
    }

    /**
     * Runs {@code work} as one fetch to {@code host} at {@code address} counts: holding a per-host, a
     * per-address and an in-flight permit, so a TLS scan waits for, and holds back, probes of the same
     * server. A full queue is the same 503 a probe gets.
     */
    public <T> Uni<T> asOneFetch(String host, InetAddress address, Supplier<Uni<T>> work) {
        return perHost.withPermit(host, () -> perAddress.withPermit(NetUtil.toAddressString(address),
                () -> permits.withPermit(work)))
                .onFailure(FetchPermits.QueueFullException.class).transform(this::overloaded);
    }

    /** A 503 that asks to come back once the fetches running now have had their time. */
    private ProblemException overloaded(Throwable queueFull) {
        long seconds = Math.max(1, (config.timeout().toMillis() + 999) / 1000);
        return new ProblemException(503, "HeadProbe is busy: " + queueFull.getMessage() + "; try again later",
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /**
     * Every address the name resolved to must be allowed: a mixed answer is refused whole.
     *
     * @param name what resolved, as the error names it
     */
    private List<InetAddress> checked(String name, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            if (!guard.allows(address)) {
                throw new Failures.BlockedAddressException(name + " resolves to " + NetUtil.toAddressString(address)
                        + ", which is not a public address");
            }
        }
        return addresses;
    }

    /**
     * Grades a page as Observatory does, with what it fetches besides the page: /robots.txt (for
     * its cookies) and a CORS preflight from Observatory's origin to the final URL. A page whose
     * certificate did not verify is fetched again without verifying, as Observatory does, and
     * graded as such; the result still says the target failed.
     */
    private Uni<ProbeResult> audit(String target, Fetched page, ProbeOptions options, long deadline) {
        ProbeResult result = page.result();
        if (!options.auditFetches()) {
            return result.ok() ? Uni.createFrom().item(page).emitOn(bodyWork)
                    .onItem().transform(alone -> result.withAudit(SecurityHeaders.audit(
                            withPage(new AuditedResponse(result.url(), result.headers(), route(result)), alone.body())
                                    .withEarlierCookies(alone.earlierCookies()).withVerified(verified(result))
                                    .withPreload(preload.list()))))
                    : Uni.createFrom().item(result);
        }
        if (result.ok()) {
            return withExtras(page, options, verified(result), deadline)
                    .onItem().transform(audit -> result.withAudit(audit));
        }
        if (!options.tlsVerify() || result.tls() == null || result.tls().verified()) {
            return Uni.createFrom().item(result);
        }
        return page(target, options.unverified().within(deadline))
                .onItem().transformToUni(unverified -> unverified.result().ok()
                        ? withExtras(unverified, options.unverified(), false, deadline).onItem().transform(result::withAudit)
                                .onTermination().invoke(unverified::release)
                        : Uni.createFrom().item(result));
    }

    /** True when every hop's certificate verified (or there was no TLS). */
    private static boolean verified(ProbeResult result) {
        return (result.tls() == null || result.tls().verified())
                && result.redirects().stream().allMatch(hop -> hop.tls() == null || hop.tls().verified());
    }

    private Uni<Audit> withExtras(Fetched page, ProbeOptions all, boolean verified, long deadline) {
        ProbeResult result = page.result();
        ProbeOptions options = all.within(deadline);
        // At the origin the site was asked for, as Observatory's session asks for it; redirects are followed.
        String start = result.redirects().isEmpty() ? result.url() : result.redirects().get(0).url();
        Uni<Fetched> robots = fetchTarget(origin(start) + "/robots.txt", options.extra(HttpMethod.GET, List.of()));
        Uni<Fetched> cors = fetchTarget(result.url(), options.extra(HttpMethod.OPTIONS, List.of(
                new Header("Origin", Cors.ORIGIN), new Header("Access-Control-Request-Method", "GET"))));
        // Graded off the event loops: the page may be large.
        return Uni.combine().all().unis(robots, cors).asTuple().emitOn(bodyWork).onItem().transform(extras -> {
            Fetched robotsTxt = extras.getItem1();
            List<CookieSource> robotsCookies = new ArrayList<>(robotsTxt.earlierCookies());
            if (robotsTxt.result().ok()) {
                robotsCookies.add(new CookieSource(robotsTxt.result().url(), Header.all(robotsTxt.result().headers(), "Set-Cookie")));
            }
            ProbeResult preflight = extras.getItem2().result();
            return SecurityHeaders.audit(withPage(new AuditedResponse(result.url(), result.headers(), route(result)), page.body())
                    .withEarlierCookies(page.earlierCookies())
                    .withRobotsCookies(robotsCookies)
                    // A preflight that got no answer is graded as Observatory grades it: as sent, and failed.
                    .withCorsPreflight(preflight.ok() ? preflight.headers() : List.of())
                    .withVerified(verified)
                    .withPreload(preload.list()));
        });
    }

    /** The page as the body read parsed it (an HTML page is parsed once), or its text, or nothing. */
    private static AuditedResponse withPage(AuditedResponse response, Body body) {
        if (body == null) {
            return response;
        }
        if (body.page().html() != null) {
            return response.withPage(body.page().html());
        }
        return response.withBody(body.page().text() == null ? "" : body.page().text());
    }

    /** Whether two URLs HeadProbe fetched (or an icon's URL) share scheme, host and port. */
    private static boolean sameOrigin(String url, String other) {
        try {
            return origin(url).equals(origin(other));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** scheme://authority of a URL HeadProbe fetched. */
    private static String origin(String url) {
        TargetUrl parsed = TargetUrl.parse(url);
        return parsed.scheme() + "://" + parsed.authority();
    }

    /**
     * The route Observatory's redirection test grades, when the target was given as plain http:
     * every URL from the first through each redirect to the last. Without following, a redirect
     * answer still says where it leads. Null for an https target: there is no http hop to grade.
     */
    static List<String> route(ProbeResult result) {
        List<String> route = new ArrayList<>();
        result.redirects().forEach(redirect -> route.add(redirect.url()));
        route.add(result.url());
        if (!route.get(0).startsWith("http://")) {
            return null;
        }
        String location = Header.first(result.headers(), "Location");
        if (Hop.isRedirect(result.status()) && location != null) {
            try {
                route.add(TargetUrl.parse(result.url()).follow(location).toString());
            } catch (RuntimeException e) {
                // A Location that is no URL: the route ends where the answer was.
            }
        }
        return route;
    }

    /** What is known about one target so far: where it is, and how it got there. */
    private static final class Trace {
        private final String target;
        private final EventLoop loop;
        private final long start = System.nanoTime();
        /**
         * When a body still coming is taken as it is. Just before the probe's timeout, which runs on
         * the same loop: the body's end then always comes first, and the timeout finds it done.
         */
        private final long bodyDeadline;
        private final List<ProbeResult.Redirect> redirects = new ArrayList<>();
        private final List<CookieSource> redirectCookies = new ArrayList<>();
        private TargetUrl url;
        private List<String> addresses;

        Trace(String target, EventLoop loop, Duration timeout) {
            this.target = target;
            this.loop = loop;
            this.bodyDeadline = start + timeout.toNanos() - TimeUnit.MILLISECONDS.toNanos(1);
        }

        synchronized void at(TargetUrl url) {
            this.url = url;
            this.addresses = null;
        }

        synchronized void resolved(List<String> addresses) {
            this.addresses = addresses;
        }

        synchronized void redirected(ProbeResult.Redirect redirect, List<String> setCookies) {
            redirects.add(redirect);
            redirectCookies.add(new CookieSource(redirect.url(), setCookies));
        }

        synchronized int redirectCount() {
            return redirects.size();
        }

        synchronized Fetched answered(Hop hop) {
            return new Fetched(new ProbeResult(target, url.toString(), true, hop.status(), hop.httpVersion(), hop.headers(),
                    List.copyOf(redirects), hop.timings().withTotalMs(elapsedMs()), hop.remoteAddress(), addresses,
                    hop.tls(), null, null), hop.body(), List.copyOf(redirectCookies));
        }

        synchronized ProbeResult failed(ProbeResult.Error error, TlsInfo tls) {
            return new ProbeResult(target, url == null ? null : url.toString(), false, null, null, List.of(),
                    List.copyOf(redirects), ProbeResult.Timings.total(elapsedMs()), null, addresses, tls, error, null);
        }

        private double elapsedMs() {
            return ProbeResult.Timings.msSince(start);
        }
    }
}
