package io.headprobe.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One element of {@code --match-status 200,3xx}: a code or a class. */
class StatusConverter implements ITypeConverter<ResultFilter.StatusRange> {

    @Override
    public ResultFilter.StatusRange convert(String value) {
        try {
            return ResultFilter.StatusRange.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
