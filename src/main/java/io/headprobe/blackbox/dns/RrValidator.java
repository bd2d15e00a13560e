package io.headprobe.blackbox.dns;

import java.util.List;

import com.google.re2j.Pattern;

/**
 * blackbox's validate_answer_rrs (and _authority_, _additional_): regexps (RE2, as Go's) matched
 * against each record's text form as Go's miekg/dns prints it ({@link RrText}).
 */
public record RrValidator(List<Pattern> failIfMatches, List<Pattern> failIfAllMatch, List<Pattern> failIfNotMatches,
        List<Pattern> failIfNoneMatches) {

    public static final RrValidator NONE = new RrValidator(List.of(), List.of(), List.of(), List.of());

    public RrValidator {
        failIfMatches = List.copyOf(failIfMatches);
        failIfAllMatch = List.copyOf(failIfAllMatch);
        failIfNotMatches = List.copyOf(failIfNotMatches);
        failIfNoneMatches = List.copyOf(failIfNoneMatches);
    }

    /** blackbox's validRRs, in its order; why it failed is appended to the log. */
    boolean valid(List<String> rrs, StringBuilder log) {
        if (rrs.isEmpty() && !failIfNotMatches.isEmpty()) {
            log.append("fail_if_not_matches_regexp specified but no RRs returned\n");
            return false;
        }
        if (rrs.isEmpty() && !failIfNoneMatches.isEmpty()) {
            log.append("fail_if_none_matches_regexp specified but no RRs returned\n");
            return false;
        }
        boolean anyMatch = false;
        boolean allMatch = true;
        for (String rr : rrs) {
            for (Pattern re : failIfMatches) {
                if (re.matcher(rr).find()) {
                    log.append("At least one RR matched regexp ").append(re.pattern()).append(": ").append(rr).append('\n');
                    return false;
                }
            }
            allMatch &= failIfAllMatch.stream().allMatch(re -> re.matcher(rr).find());
            for (Pattern re : failIfNotMatches) {
                if (!re.matcher(rr).find()) {
                    log.append("At least one RR did not match regexp ").append(re.pattern()).append(": ").append(rr).append('\n');
                    return false;
                }
            }
            anyMatch |= failIfNoneMatches.stream().anyMatch(re -> re.matcher(rr).find());
        }
        // As blackbox's code (not its name): the probe fails when some record does not match.
        if (!failIfAllMatch.isEmpty() && !allMatch) {
            log.append("Not all RRs matched regexp\n");
            return false;
        }
        if (!failIfNoneMatches.isEmpty() && !anyMatch) {
            log.append("None of the RRs did matched any regexp\n");
            return false;
        }
        return true;
    }
}
