package io.headprobe.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Observatory's CSP parser (src/analyzer/cspParser.js), rule for rule: one or more policies in,
 * one map of directive to sources out. Several policies are merged into one "effective" policy by
 * Observatory's own approximation of their intersection, which is reproduced here including its
 * quirks, because the CSP grade is computed from that merged map.
 */
final class CspParser {

    /** Observatory rejects any policy shorter than "img-src" minus one character. */
    private static final int SHORTEST_POLICY = "img-src".length() - 1;
    private static final Set<String> ALLOWED_DUPLICATES = Set.of("report-uri", "report-to");

    /**
     * Observatory sorts sources with Intl.Collator("en") (ICU), and which source it keeps depends on
     * that order. For printable ASCII, ICU's order is this alphabet, compared character by character
     * with a prefix first (checked against Node's sort of every such character and of thousands of
     * source-like strings); anything else, which a valid source never contains, is put after it by
     * code unit, an approximation of ICU.
     */
    private static final String COLLATION_ORDER =
            "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";
    private static final Comparator<Source> BY_COLLATION = (a, b) -> collate(a.value, b.value);

    /**
     * @param directives directive name to its sources; the sets are mutable on purpose, because
     *                   Observatory's CSP test edits them in place and its later checks see the edits
     * @param allowedDuplicates report-uri / report-to when a policy repeats them (any other repeat is invalid)
     */
    record Parsed(Map<String, Set<String>> directives, Set<String> allowedDuplicates) {
    }

    static final class InvalidPolicyException extends IllegalArgumentException {
        InvalidPolicyException(String message) {
            super(message);
        }
    }

    /** One source of one policy while merging; {@code keep} is flipped as the merge goes on. */
    private static final class Source {
        final String value;
        final int policy;
        boolean keep;

        Source(String value, int policy, boolean keep) {
            this.value = value;
            this.policy = policy;
            this.keep = keep;
        }
    }

    private CspParser() {
    }

    /**
     * Parses and merges {@code rawPolicies}.
     *
     * @throws InvalidPolicyException for an empty or too short policy, a directive repeated within a
     *                                policy (report-uri and report-to excepted), or a malformed
     *                                percent-escape met while comparing paths across policies
     */
    static Parsed parse(List<String> rawPolicies) {
        // Line breaks are removed, not turned into spaces, as Observatory does.
        List<String> policies = rawPolicies.stream().map(p -> JsString.trim(p.replaceAll("[\r\n]", ""))).toList();
        Map<String, Set<String>> directives = new LinkedHashMap<>();
        Set<String> duplicates = new LinkedHashSet<>();
        if (policies.isEmpty()) {
            return new Parsed(directives, duplicates);
        }
        for (String policy : policies) {
            if (policy.length() < SHORTEST_POLICY) {
                throw new InvalidPolicyException("policy too short: \"" + policy + "\"");
            }
        }

        Map<String, List<Source>> merged = new LinkedHashMap<>();
        for (int index = 0; index < policies.size(); index++) {
            Set<String> seen = new HashSet<>();
            for (String entry : policies.get(index).split(";", -1)) {
                List<String> words = JsString.words(entry);
                if (words.isEmpty()) {
                    continue;
                }
                String directive = words.get(0).toLowerCase(Locale.ROOT);
                if (!seen.add(directive)) {
                    if (!ALLOWED_DUPLICATES.contains(directive)) {
                        throw new InvalidPolicyException("directive " + directive + " repeated in policy " + (index + 1));
                    }
                    duplicates.add(directive);
                }
                merged.put(directive, mergeDirective(merged.get(directive), directive, words, index));
                // After the first of several policies everything is provisionally dropped; a later
                // policy keeps a source only by matching it.
                if (index == 0 && policies.size() > 1) {
                    merged.get(directive).forEach(source -> source.keep = false);
                }
            }
        }
        merged.forEach((directive, sources) -> {
            Set<String> values = new LinkedHashSet<>();
            sources.forEach(source -> values.add(source.value));
            // A directive whose sources all fell away in the merge allows nothing.
            directives.put(directive, values.isEmpty() ? new LinkedHashSet<>(List.of("'none'")) : values);
        });
        return new Parsed(directives, duplicates);
    }

    /** The sources of {@code directive} kept after policy {@code index} says {@code words}. */
    private static List<Source> mergeDirective(List<Source> earlier, String directive, List<String> words, int index) {
        boolean keep = index == 0;
        List<Source> combined = new ArrayList<>();
        // In the first policy a repeated (allowed) directive replaces the earlier one; later
        // policies are merged with what the earlier ones left.
        if (index > 0 && earlier != null) {
            combined.addAll(earlier);
        }
        for (String word : words.subList(1, words.size())) {
            combined.add(new Source(word.toLowerCase(Locale.ROOT), index, keep));
        }
        if (words.size() == 1 && directive.endsWith("-src")) {
            combined.add(new Source("'none'", index, keep));
        }
        combined.sort(BY_COLLATION);
        // Only neighbours in collation order are compared, exactly as Observatory does.
        for (int i = 1; i < combined.size(); i++) {
            Source previous = combined.get(i - 1);
            Source source = combined.get(i);
            if (source.policy == previous.policy && source.value.startsWith(previous.value)) {
                source.keep = false; // https://a.com/foo adds nothing to https://a.com/f
            }
            if (source.policy != previous.policy && pathPartMatch(previous.value, source.value)) {
                source.keep = true; // allowed by both policies
            }
        }
        return new ArrayList<>(combined.stream().filter(source -> source.keep).toList());
    }

    /** Observatory's pathPartMatch: whether path a covers path b, segment by decoded segment. */
    private static boolean pathPartMatch(String a, String b) {
        if (a.isEmpty() || a.equals("/") && b.isEmpty()) {
            return true;
        }
        boolean exact = !a.endsWith("/");
        List<String> segmentsA = new ArrayList<>(List.of(a.split("/", -1)));
        String[] segmentsB = b.split("/", -1);
        if (segmentsA.size() > segmentsB.length || exact && segmentsA.size() != segmentsB.length) {
            return false;
        }
        if (!exact) {
            segmentsA.remove(segmentsA.size() - 1);
        }
        for (int i = 0; i < segmentsA.size(); i++) {
            // Decoded one pair at a time: a malformed escape throws only if it is reached.
            if (!decodeUriComponent(segmentsA.get(i)).equals(decodeUriComponent(segmentsB[i]))) {
                return false;
            }
        }
        return true;
    }

    /** JavaScript's decodeURIComponent, including its URIError on a malformed escape. */
    private static String decodeUriComponent(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) != '%') {
                out.append(s.charAt(i++));
                continue;
            }
            int lead = escapedByte(s, i);
            i += 3;
            int length = lead < 0x80 ? 1 : lead >= 0xC0 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3
                    : lead >= 0xF0 && lead < 0xF8 ? 4 : 0;
            if (length == 0) {
                throw malformed(s);
            }
            byte[] bytes = new byte[length];
            bytes[0] = (byte) lead;
            for (int k = 1; k < length; k++) {
                bytes[k] = (byte) escapedByte(s, i);
                i += 3;
            }
            try {
                // The strict decoder rejects what JavaScript rejects: bad continuations, overlong
                // forms, surrogates and code points past U+10FFFF.
                out.append(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)));
            } catch (CharacterCodingException e) {
                throw malformed(s);
            }
        }
        return out.toString();
    }

    private static int escapedByte(String s, int at) {
        if (at + 2 >= s.length() || s.charAt(at) != '%') {
            throw malformed(s);
        }
        int high = hexDigit(s.charAt(at + 1));
        int low = hexDigit(s.charAt(at + 2));
        if (high < 0 || low < 0) {
            throw malformed(s);
        }
        return high * 16 + low;
    }

    /** ASCII only: Character.digit would also accept other scripts' digits, JavaScript does not. */
    private static int hexDigit(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private static InvalidPolicyException malformed(String s) {
        return new InvalidPolicyException("malformed percent-escape in " + s);
    }

    private static int collate(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            int difference = collationRank(a.charAt(i)) - collationRank(b.charAt(i));
            if (difference != 0) {
                return difference;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int collationRank(char c) {
        int rank = COLLATION_ORDER.indexOf(c);
        return rank >= 0 ? rank : COLLATION_ORDER.length() + c;
    }
}
