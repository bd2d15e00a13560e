package io.headprobe.cli;

import java.util.Locale;

import io.headprobe.audit.Grade;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One of Observatory's grades, A+ to F, in any case. */
class GradeConverter implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        String grade = value.strip().toUpperCase(Locale.ROOT);
        if (Grade.rank(grade) < 0) {
            throw new TypeConversionException("'" + value + "' is not a grade (" + String.join(", ", Grade.ALL) + ")");
        }
        return grade;
    }
}
