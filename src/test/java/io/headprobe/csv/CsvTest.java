package io.headprobe.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Given fields of a result, when written as a CSV row, then the row is RFC 4180 and no cell is a formula. */
class CsvTest {

    @Test
    void quotesWhatWouldEndAFieldOrARow() {
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n", Csv.row(Arrays.asList("a", "b,c", "say \"hi\"", "two\nlines", null)));
    }

    /** The forms OWASP lists: =, +, -, @, tab and CR at the start of a cell. */
    @Test
    void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
        assertEquals("\"'=HYPERLINK(\"\"http://x/\"\")\",'+1,'-2+3,'@SUM(A1),'\tx\r\n",
                Csv.row(List.of("=HYPERLINK(\"http://x/\")", "+1", "-2+3", "@SUM(A1)", "\tx")));
        assertEquals("\"'\rx\",\"'=1,2\"\r\n", Csv.row(List.of("\rx", "=1,2")));
    }

    @Test
    void numbersAndBooleansStayAsTheyAreAndTextElsewhereIsUntouched() {
        assertEquals("-3,-0.5,true,http://a/?q=-1,A+,,>=30\r\n", Csv.row(List.of(-3, -0.5, true, "http://a/?q=-1", "A+", "", ">=30")));
    }
}
