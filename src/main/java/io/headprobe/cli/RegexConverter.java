package io.headprobe.cli;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A regex in RE2's syntax (Go's, as httpx takes it): linear time whatever the response holds. */
class RegexConverter implements ITypeConverter<Pattern> {

    @Override
    public Pattern convert(String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new TypeConversionException("'" + value + "' is not an RE2 regex: " + e.getDescription());
        }
    }
}
