package io.headprobe.problem;

/** Query parameters parsed by hand, so that a bad value is a 400 problem and not JAX-RS's 404. */
public final class Params {

    private Params() {
    }

    public static int intInRange(String name, String raw, int byDefault, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return byDefault;
        }
        int value = optionalInt(name, raw);
        if (value < min || value > max) {
            throw outOfRange("'" + name + "'", value, min, max);
        }
        return value;
    }

    /**
     * The one wording of a number outside its range, for query parameters, JSON fields and counts
     * alike; {@code what} names it as the caller wrote it (e.g. {@code 'timeoutMs'}).
     */
    public static ProblemException outOfRange(String what, long value, long min, long max) {
        return new ProblemException(400, what + " must be from " + min + " to " + max + ", got " + value);
    }

    public static Integer optionalInt(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(400, "query parameter '" + name + "' must be an integer, got '" + raw + "'");
        }
    }

    public static Boolean optionalBoolean(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ProblemException(400, "query parameter '" + name + "' must be true or false, got '" + raw + "'");
        };
    }
}
