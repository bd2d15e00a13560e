package io.headprobe.problem;

/** Query parameters parsed by hand, so that a bad value is a 400 problem and not JAX-RS's 404. */
public final class Params {

    private Params() {
    }

    public static int intInRange(String name, String raw, int byDefault, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return byDefault;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw badRange(name, raw, min, max);
        }
        if (value < min || value > max) {
            throw badRange(name, raw, min, max);
        }
        return value;
    }

    private static ProblemException badRange(String name, String raw, int min, int max) {
        return new ProblemException(400,
                "query parameter '" + name + "' must be an integer from " + min + " to " + max + ", got '" + raw + "'");
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
