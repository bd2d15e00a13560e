package io.headprobe.blackbox.tcp;

import com.google.re2j.Matcher;

/**
 * Go's Regexp.Expand, which blackbox applies to {@code send} and to probe_expect_info's label
 * values: {@code $1} or {@code ${1}} is a group by number, {@code $name} or {@code ${name}} one by
 * name (a name is letters, digits and underscores, as long as it goes: {@code $1x} is the group
 * named "1x"), {@code $$} is a dollar sign. A group that does not exist or did not match is empty;
 * a dollar sign not followed by a name stays as it is.
 */
final class GoTemplate {

    private GoTemplate() {
    }

    static String expand(String template, Matcher match) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 == template.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            boolean braced = template.charAt(i + 1) == '{';
            int start = braced ? i + 2 : i + 1;
            int end = start;
            while (end < template.length() && isNameChar(template.charAt(end))) {
                end++;
            }
            if (end == start || braced && (end == template.length() || template.charAt(end) != '}')) {
                out.append('$');
                i++;
                continue;
            }
            out.append(group(match, template.substring(start, end)));
            i = braced ? end + 1 : end;
        }
        return out.toString();
    }

    private static String group(Matcher match, String name) {
        String value;
        if (name.chars().allMatch(Character::isDigit)) {
            int index;
            try {
                index = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                return "";
            }
            value = index <= match.groupCount() ? match.group(index) : null;
        } else {
            try {
                value = match.group(name);
            } catch (IllegalArgumentException e) {
                value = null;
            }
        }
        return value == null ? "" : value;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
