package io.headprobe.audit;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's Content-Security-Policy test (src/analyzer/tests/csp.js): the header's policies
 * and, when the page was read, those of its {@code <meta http-equiv="Content-Security-Policy">}
 * tags, merged as Observatory merges them.
 */
public final class ContentSecurityPolicy {

    static final String TEST = "csp";

    private static final String HEADER = "Content-Security-Policy";
    private static final String REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only";
    /** A meta tag's policy cannot set these (HTML's http-equiv rules), so they do not make it "implemented". */
    private static final Set<String> DISALLOWED_IN_META = Set.of("frame-ancestors", "report-uri", "sandbox");

    private static final Set<String> DANGEROUSLY_BROAD =
            Set.of("ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*");
    private static final Set<String> UNSAFE_INLINE = Set.of("'unsafe-inline'", "data:");
    private static final Set<String> DANGEROUSLY_BROAD_AND_UNSAFE_INLINE =
            Stream.concat(DANGEROUSLY_BROAD.stream(), UNSAFE_INLINE.stream()).collect(Collectors.toUnmodifiableSet());
    private static final List<String> PASSIVE_DIRECTIVES = List.of("img-src", "media-src");
    private static final List<String> NONCE_AND_HASH_PREFIXES = List.of("'sha256-", "'sha384-", "'sha512-", "'nonce-");
    /** Results that pass besides the expected csp-implemented-with-no-unsafe. */
    private static final Set<String> PASSING = Set.of("csp-implemented-with-no-unsafe",
            "csp-implemented-with-no-unsafe-default-src-none", "csp-implemented-with-unsafe-inline-in-style-src-only",
            "csp-implemented-with-insecure-scheme-in-passive-content-only");

    /**
     * Observatory's output.policy: what the effective policy allows, beyond the one result.
     * Every flag is computed whatever the result.
     */
    public record Policy(boolean antiClickjacking, boolean defaultNone, boolean insecureBaseUri,
            boolean insecureFormAction, boolean insecureSchemeActive, boolean insecureSchemePassive,
            boolean strictDynamic, boolean unsafeEval, boolean unsafeInline, boolean unsafeInlineStyle,
            boolean unsafeObjects) {
    }

    /**
     * The whole outcome, as Observatory's test output has it.
     *
     * @param policies how many policies the header held (Observatory's numPolicies)
     * @param data     the merged policy, each directive's sources sorted; null when there is none
     *                 or it could not be parsed
     * @param policy   null when data is
     */
    public record Analysis(String result, boolean pass, String detail, int policies,
            Map<String, SortedSet<String>> data, Policy policy) {
    }

    private ContentSecurityPolicy() {
    }

    public static Finding check(AuditedResponse response) {
        Analysis analysis = analyse(response);
        return ScoreTable.finding(TEST, analysis.result(), analysis.pass(), analysis.detail());
    }

    /** The merged policy Observatory's X-Frame-Options test looks at, or null. */
    public static Map<String, SortedSet<String>> effectivePolicy(AuditedResponse response) {
        return analyse(response).data();
    }

    public static Analysis analyse(AuditedResponse response) {
        List<String> headerPolicies = policies(response.all(HEADER));
        List<String> metaPolicies = policies(Page.metaCsp(response));
        int count = headerPolicies.size() + metaPolicies.size();
        CspParser.Parsed parsed;
        try {
            parsed = CspParser.parse(Stream.concat(headerPolicies.stream(), metaPolicies.stream()).toList());
        } catch (CspParser.InvalidPolicyException e) {
            return new Analysis("csp-header-invalid", false, "cannot be parsed: " + e.getMessage(), count, null, null);
        }
        // Observatory grades the merged policy, but decides "implemented" and reads frame-ancestors
        // from the header's policies and the meta tags' own (without the directives a meta tag cannot set).
        Map<String, Set<String>> headerOnly = parsedOrEmpty(headerPolicies);
        Map<String, Set<String>> metaOnly = new LinkedHashMap<>(parsedOrEmpty(metaPolicies));
        metaOnly.keySet().removeAll(DISALLOWED_IN_META);
        if (headerOnly.isEmpty() && metaOnly.isEmpty()) {
            String reportOnly = response.header(REPORT_ONLY_HEADER);
            return reportOnly == null || reportOnly.isEmpty()
                    ? new Analysis("csp-not-implemented", false, "no Content-Security-Policy header", count, null, null)
                    : new Analysis("csp-not-implemented-but-reporting-enabled", false,
                            "only Content-Security-Policy-Report-Only, which enforces nothing", count, null, null);
        }
        Set<String> frameAncestors = headerOnly.getOrDefault("frame-ancestors", Set.of("*"));
        return grade(parsed.directives(), parsed.allowedDuplicates(), frameAncestors, response.https(), count);
    }

    private static Map<String, Set<String>> parsedOrEmpty(List<String> policies) {
        try {
            return CspParser.parse(policies).directives();
        } catch (CspParser.InvalidPolicyException e) {
            return Map.of();
        }
    }

    /**
     * The policies of header values or meta contents. A comma cannot occur inside a policy (and
     * Node joins repeated header lines with ", "), so every comma separates two policies (empty
     * ones included, which the parser then rejects).
     */
    private static List<String> policies(List<String> values) {
        return values.stream().flatMap(value -> Arrays.stream(value.split(",", -1))).map(JsString::trim).toList();
    }

    private static Analysis grade(Map<String, Set<String>> csp, Set<String> duplicates, Set<String> frameAncestors,
            boolean https, int policies) {
        Set<String> baseUri = csp.getOrDefault("base-uri", Set.of("*"));
        Set<String> formAction = csp.getOrDefault("form-action", Set.of("*"));
        // These are the parser's own sets when the directive exists, so the edits below also reach
        // default-src and the reported data, as they do in Observatory.
        Set<String> objectSrc = fallback(csp, "object-src");
        Set<String> scriptSrc = fallback(csp, "script-src");
        Set<String> styleSrc = fallback(csp, "style-src");

        // A nonce or hash makes browsers ignore 'unsafe-inline' (CSP2 and later).
        for (Set<String> sources : List.of(scriptSrc, styleSrc)) {
            if (hasNonceOrHash(sources)) {
                sources.remove("'unsafe-inline'");
            }
        }
        // With 'strict-dynamic' and a nonce or hash, browsers ignore host and scheme sources,
        // 'self' and 'unsafe-inline'; without a nonce or hash no script could ever load.
        boolean strictDynamic = scriptSrc.contains("'strict-dynamic'") && hasNonceOrHash(scriptSrc);
        boolean strictDynamicWithoutNonce = scriptSrc.contains("'strict-dynamic'") && !strictDynamic;
        if (strictDynamic) {
            scriptSrc.removeIf(source -> DANGEROUSLY_BROAD.stream().anyMatch(source::startsWith)
                    || source.equals("'self'") || source.equals("'unsafe-inline'"));
        }

        List<String> active = Stream.concat(csp.entrySet().stream()
                .filter(e -> !PASSIVE_DIRECTIVES.contains(e.getKey()) && !e.getKey().equals("script-src"))
                .flatMap(e -> e.getValue().stream()), scriptSrc.stream()).toList();
        List<String> passive = PASSIVE_DIRECTIVES.stream()
                .flatMap(d -> csp.getOrDefault(d, csp.getOrDefault("default-src", Set.of())).stream()).toList();

        Set<String> unsafeScripts = intersection(scriptSrc, DANGEROUSLY_BROAD_AND_UNSAFE_INLINE);
        Set<String> unsafeObjects = intersection(objectSrc, DANGEROUSLY_BROAD);
        List<String> insecureActive = https ? insecure(active) : List.of();
        List<String> insecurePassive = https ? insecure(passive) : List.of();
        boolean unsafeEval = scriptSrc.contains("'unsafe-eval'") || styleSrc.contains("'unsafe-eval'");
        Set<String> unsafeStyles = intersection(styleSrc, DANGEROUSLY_BROAD_AND_UNSAFE_INLINE);
        Set<String> defaultSrc = csp.get("default-src");
        boolean defaultNone = defaultSrc != null && defaultSrc.equals(Set.of("'none'"));

        Policy policy = new Policy(
                frameAncestors.stream().noneMatch(DANGEROUSLY_BROAD::contains),
                defaultNone,
                baseUri.stream().anyMatch(DANGEROUSLY_BROAD_AND_UNSAFE_INLINE::contains),
                formAction.stream().anyMatch(DANGEROUSLY_BROAD::contains),
                !insecureActive.isEmpty(),
                !insecurePassive.isEmpty(),
                strictDynamic,
                unsafeEval,
                !unsafeScripts.isEmpty() || !unsafeObjects.isEmpty(),
                !unsafeStyles.isEmpty(),
                !unsafeObjects.isEmpty());

        // The first problem in Observatory's order decides the result.
        String result;
        String detail;
        if (strictDynamicWithoutNonce) {
            result = "csp-header-invalid";
            detail = "script-src has 'strict-dynamic' without a nonce or hash, so no script can load";
        } else if (policy.unsafeInline()) {
            result = "csp-implemented-with-unsafe-inline";
            detail = !unsafeScripts.isEmpty()
                    ? "scripts allowed from " + String.join(" ", unsafeScripts) + source(csp, "script-src")
                    : "plugins (object-src) allowed from " + String.join(" ", unsafeObjects) + source(csp, "object-src");
        } else if (policy.insecureSchemeActive()) {
            result = "csp-implemented-with-insecure-scheme";
            detail = "https page allows active content over insecure schemes: " + String.join(" ", insecureActive);
        } else if (unsafeEval) {
            result = "csp-implemented-with-unsafe-eval";
            detail = "script-src or style-src allows 'unsafe-eval'";
        } else if (policy.insecureSchemePassive()) {
            result = "csp-implemented-with-insecure-scheme-in-passive-content-only";
            detail = "https page allows images or media over insecure schemes: " + String.join(" ", insecurePassive);
        } else if (policy.unsafeInlineStyle()) {
            result = "csp-implemented-with-unsafe-inline-in-style-src-only";
            detail = "only styles are unsafe: allowed from " + String.join(" ", unsafeStyles) + source(csp, "style-src");
        } else if (defaultNone) {
            result = "csp-implemented-with-no-unsafe-default-src-none";
            detail = "default-src 'none' and no unsafe sources";
        } else {
            result = "csp-implemented-with-no-unsafe";
            detail = "no 'unsafe-inline', 'unsafe-eval' or overly broad script or plugin sources";
        }
        boolean pass = PASSING.contains(result);
        // Repeated report-uri / report-to turn a pass into its own result, which earns no bonus.
        if (pass && !duplicates.isEmpty()) {
            result = "csp-implemented-but-duplicate-directives";
            detail = "passes, but repeats " + String.join(", ", duplicates) + "; " + detail;
        }
        if (policies > 1) {
            detail += " (" + policies + " policies, merged as Observatory merges them)";
        }

        Map<String, SortedSet<String>> data = new LinkedHashMap<>();
        csp.forEach((directive, sources) -> data.put(directive, Collections.unmodifiableSortedSet(new TreeSet<>(sources))));
        return new Analysis(result, pass, detail, policies, Collections.unmodifiableMap(data), policy);
    }

    /** A directive's sources, else default-src's, else everything: the source list that applies. */
    private static Set<String> fallback(Map<String, Set<String>> csp, String directive) {
        Set<String> sources = csp.getOrDefault(directive, csp.get("default-src"));
        return sources != null ? sources : new LinkedHashSet<>(List.of("*"));
    }

    /** Where the sources came from, for the detail. */
    private static String source(Map<String, Set<String>> csp, String directive) {
        if (csp.containsKey(directive)) {
            return " (" + directive + ")";
        }
        return csp.containsKey("default-src") ? " (default-src; no " + directive + ")" : " (neither " + directive
                + " nor default-src restricts them)";
    }

    private static boolean hasNonceOrHash(Set<String> sources) {
        return sources.stream().anyMatch(s -> NONCE_AND_HASH_PREFIXES.stream().anyMatch(s::startsWith));
    }

    private static Set<String> intersection(Set<String> sources, Set<String> unwanted) {
        return sources.stream().filter(unwanted::contains).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static List<String> insecure(List<String> sources) {
        return sources.stream().filter(s -> s.startsWith("http:") || s.startsWith("ftp:")).distinct().toList();
    }
}
