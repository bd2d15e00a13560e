package io.headprobe.blackbox;

import java.util.regex.Pattern;

/**
 * A blackbox regexp (Go's RE2 syntax) as a Java {@link Pattern}. What people write in header
 * matchers (classes, alternation, quantifiers, {@code (?i)}) means the same in both; the one
 * common Go-only form, the named group {@code (?P<name>...)}, becomes a plain group, since a
 * header check uses no group. Blackbox matches unanchored (Go's {@code MatchString}), so the
 * pattern is to be used with {@link java.util.regex.Matcher#find()}.
 */
final class GoRegexp {

    private GoRegexp() {
    }

    /** @throws java.util.regex.PatternSyntaxException when Java cannot compile it */
    static Pattern compile(String regexp) {
        return Pattern.compile(withoutGroupNames(regexp));
    }

    /** "(?P<name>" becomes "(" wherever the parenthesis is not escaped. */
    static String withoutGroupNames(String regexp) {
        StringBuilder out = new StringBuilder(regexp.length());
        int i = 0;
        while (i < regexp.length()) {
            char c = regexp.charAt(i);
            if (c == '\\' && i + 1 < regexp.length()) {
                out.append(c).append(regexp.charAt(i + 1));
                i += 2;
                continue;
            }
            if (regexp.startsWith("(?P<", i)) {
                int close = regexp.indexOf('>', i + 4);
                if (close > 0) {
                    out.append('(');
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
