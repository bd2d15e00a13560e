package io.headprobe.audit;

import java.util.List;

/** Observatory's grade chart: the score, rounded down to a multiple of 5, picks the grade. */
public final class Grade {

    /** Every grade, worst first. */
    public static final List<String> ALL = List.of("F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+");

    private Grade() {
    }

    static String of(int score) {
        int bucket = Math.max(0, score) / 5 * 5;
        if (bucket >= 100) {
            return "A+";
        }
        return switch (bucket) {
            case 90, 95 -> "A";
            case 85 -> "A-";
            case 80 -> "B+";
            case 70, 75 -> "B";
            case 65 -> "B-";
            case 60 -> "C+";
            case 50, 55 -> "C";
            case 45 -> "C-";
            case 40 -> "D+";
            case 30, 35 -> "D";
            case 25 -> "D-";
            default -> "F";
        };
    }

    /** The grade's place in {@link #ALL} (higher is better), or -1 for what is not a grade. */
    public static int rank(String grade) {
        return ALL.indexOf(grade);
    }
}
