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
}
