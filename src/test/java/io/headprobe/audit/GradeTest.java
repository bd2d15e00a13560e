package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Observatory's test/grader.test.js ("gets the grade", "gets the score modifier"), then every
 * boundary of its GRADE_CHART (src/grader/charts.js).
 */
class GradeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "100 | A+",
            "0 | F",
            "120 | A+",
            "-10 | F",
            // ours: each bucket's lowest score and the score just below it
            "95 | A", "94 | A", "90 | A", "89 | A-", "85 | A-", "84 | B+", "80 | B+", "79 | B",
            "70 | B", "69 | B-", "65 | B-", "64 | C+", "60 | C+", "59 | C", "50 | C", "49 | C-",
            "45 | C-", "44 | D+", "40 | D+", "39 | D", "30 | D", "29 | D-", "25 | D-", "24 | F",
            "99 | A", "101 | A+" })
    void grades(int score, String grade) {
        assertEquals(grade, Grade.of(score));
    }

    @Test
    void scoresCspNotImplementedAsObservatoryDoes() {
        assertEquals(-25, ScoreTable.modifier("csp-not-implemented"));
    }
}
