package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CSV reader cut into ranges read by several threads gives the table one thread gives (same rows in the same
 * order, same line numbers, same first error), and its fast path for plain numbers the values of the general one.
 */
class CsvParallelTest {

    @TempDir
    Path dir;

    /** The table, or the error's message, read with {@code threads} ranges of any size. */
    private static Object read(Path csv, int threads) {
        try {
            return CsvReader.read(csv, MissingValues.DEFAULT, threads, 1);
        } catch (DlkitException e) {
            return e.getMessage();
        }
    }

    private static void assertSameTable(Object expected, Object actual, String what) {
        if (expected instanceof String || actual instanceof String) {
            assertEquals(expected, actual, what);
            return;
        }
        RawTable a = (RawTable) expected, b = (RawTable) actual;
        assertEquals(a.names(), b.names(), what);
        assertEquals(a.numRows(), b.numRows(), what);
        for (int r = 0; r < a.numRows(); r++) {
            assertEquals(a.line(r), b.line(r), what + ", line of row " + r);
        }
        for (int c = 0; c < a.names().size(); c++) {
            RawColumn x = a.column(c), y = b.column(c);
            assertEquals(x.isText(), y.isText(), what + ", column " + c);
            assertEquals(x.firstText(), y.firstText(), what + ", column " + c);
            for (int r = 0; r < a.numRows(); r++) {
                if (x.isText()) {
                    assertEquals(x.text(r), y.text(r), what + ", column " + c + ", row " + r);
                } else {
                    assertEquals(Float.floatToRawIntBits(x.number(r)), Float.floatToRawIntBits(y.number(r)),
                            what + ", column " + c + ", row " + r);
                }
            }
        }
    }

    private void assertSameForAnyThreads(Path csv) {
        Object one = read(csv, 1);
        for (int threads = 2; threads <= CsvReader.MAX_THREADS; threads++) {
            assertSameTable(one, read(csv, threads), csv.getFileName() + " with " + threads + " threads");
        }
    }

    private Path write(String name, String content) throws IOException {
        Path csv = dir.resolve(name);
        Files.writeString(csv, content, StandardCharsets.UTF_8);
        return csv;
    }

    @Test
    void aLineBreakInsideQuotesAtTheCutIsReadAsOneField() throws IOException {
        StringBuilder sb = new StringBuilder("a,note,label\n");
        for (int r = 0; r < 40; r++) {
            sb.append(r).append(",plain,x\n");
        }
        sb.append("40,\"").append("a long\nnote over\nmany lines, with \"\"quotes\"\"\n".repeat(50)).append("\",y\n");
        for (int r = 41; r < 60; r++) {
            sb.append(r).append(",plain,x\n");
        }
        Path csv = write("quoted.csv", sb.toString());
        assertSameForAnyThreads(csv);
        RawTable t = (RawTable) read(csv, 2);
        assertEquals(60, t.numRows());
        assertTrue(t.column("note").text(40).startsWith("a long\nnote over\nmany lines, with \"quotes\"\n"));
        assertEquals(43 + 150, t.line(41), "the lines inside the quoted field are counted");
    }

    @Test
    void windowsLineEndsAndALastLineWithoutLineEnd() throws IOException {
        StringBuilder sb = new StringBuilder("\uFEFFx,y,label\r\n");
        for (int r = 0; r < 200; r++) {
            sb.append(r).append(',').append(r * 0.25).append(',').append(r % 3).append(r == 199 ? "" : "\r\n");
        }
        Path csv = write("crlf.csv", sb.toString());
        assertSameForAnyThreads(csv);
        RawTable t = (RawTable) read(csv, 3);
        assertEquals(200, t.numRows());
        assertEquals(201, t.line(199));
        assertEquals(49.75f, t.column("y").number(199));
        assertEquals(List.of("x", "y", "label"), t.names());
    }

    @Test
    void anErrorInTheSecondHalfNamesItsTrueLine() throws IOException {
        StringBuilder sb = new StringBuilder("\n\nx,y,label\n");
        for (int r = 0; r < 300; r++) {
            sb.append(r == 250 ? "1,2\n" : r + "," + (r % 7) + ",a\n");
            if (r == 100) {
                sb.append("\"quoted\nline\",4,b\n"); // two lines, before the error
            }
        }
        Path csv = write("ragged.csv", sb.toString());
        String expected = csv + ", line 256: 2 cells, expected 3 like the header (split at ',')";
        for (int threads = 1; threads <= CsvReader.MAX_THREADS; threads++) {
            assertEquals(expected, read(csv, threads), threads + " threads");
        }
    }

    @Test
    void theFirstErrorInTheFileWinsOverLaterOnes() throws IOException {
        StringBuilder sb = new StringBuilder("x,label\n");
        for (int r = 0; r < 400; r++) {
            sb.append(r == 150 ? "1e999,a\n" : r == 350 ? "\"a\"b,a\n" : r + ",a\n");
        }
        Path csv = write("errors.csv", sb.toString());
        for (int threads = 1; threads <= CsvReader.MAX_THREADS; threads++) {
            assertEquals(csv + ", line 152, column 'x': '1e999' is out of the range of a float; expected a number below "
                    + "3.4e38 in magnitude (dlkit reads 32-bit floats: rescale the column, e.g. take its logarithm)",
                    read(csv, threads));
        }
    }

    @Test
    void aColumnThatTurnsToTextInALaterRangeIsTextThroughout() throws IOException {
        StringBuilder sb = new StringBuilder("v,label\n");
        for (int r = 0; r < 300; r++) {
            sb.append(r == 280 ? "small" : r % 5 == 0 ? "NA" : Float.toString(r % 4 + 0.5f)).append(",a\n");
        }
        Path csv = write("mixed.csv", sb.toString());
        assertSameForAnyThreads(csv);
        RawTable t = (RawTable) read(csv, 2);
        assertTrue(t.column("v").isText());
        assertEquals("line 282 holds 'small'", t.column("v").firstText());
        assertEquals("1.5", t.column("v").text(1));
    }

    /** Seeded random files: numbers, gaps, text, quotes with commas, quotes and line breaks, spaces, blank lines. */
    @Test
    void randomFilesReadTheSameWithAnyNumberOfThreads() throws IOException {
        Random random = new Random(10);
        for (int file = 0; file < 40; file++) {
            int columns = 1 + random.nextInt(5);
            String end = random.nextBoolean() ? "\n" : "\r\n";
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                sb.append(c == 0 ? "" : ",").append("c").append(c);
            }
            sb.append(end);
            int rows = 1 + random.nextInt(120);
            for (int r = 0; r < rows; r++) {
                if (random.nextInt(30) == 0) {
                    sb.append(random.nextBoolean() ? end : "  " + end); // a blank line
                }
                int cells = random.nextInt(200) == 0 ? columns + 1 : columns; // now and then a ragged row
                for (int c = 0; c < cells; c++) {
                    sb.append(c == 0 ? "" : ",").append(cell(random, file % 4 == 0));
                }
                if (r < rows - 1 || random.nextBoolean()) {
                    sb.append(end);
                }
            }
            assertSameForAnyThreads(write("random" + file + ".csv", sb.toString()));
        }
    }

    private static String cell(Random random, boolean withText) {
        return switch (random.nextInt(withText ? 12 : 8)) {
            case 0 -> "";
            case 1 -> String.format(Locale.ROOT, "%.3f", random.nextGaussian());
            case 2 -> String.format(Locale.ROOT, "%.2e", random.nextGaussian() * 1e5);
            case 3 -> " " + random.nextInt(100) + " ";
            case 4 -> random.nextInt(20) == 0 ? "NA" : Integer.toString(random.nextInt(256));
            case 5 -> "\"" + random.nextInt(10) + "\"";
            case 6 -> "-" + random.nextInt(1000) + "." + random.nextInt(10);
            case 7 -> Long.toString(random.nextLong());
            case 8 -> "text" + random.nextInt(3);
            case 9 -> "\"two\nlines, \"\"quoted\"\"\"";
            case 10 -> "\"a,b\"";
            default -> "\"\n\n\"";
        };
    }

    /**
     * Records of numbers (plain, with exponents, 17 digits, missing, with spaces, quoted) read on the fast path and
     * the same numbers in records with a quoted text cell (the state machine) give the same values.
     */
    @Test
    void plainNumbersReadFastEqualTheGeneralParse() throws IOException {
        Random random = new Random(11);
        StringBuilder fast = new StringBuilder("x,label\n"), general = new StringBuilder("x,label\n");
        for (int r = 0; r < 2000; r++) {
            String v = switch (r % 6) {
                case 0 -> Integer.toString(random.nextInt());
                case 1 -> String.format(Locale.ROOT, "%.6f", random.nextDouble() * 1000 - 500);
                case 2 -> Double.toString(random.nextGaussian() * 1e-3);
                case 3 -> "0." + "0".repeat(random.nextInt(20)) + (1 + random.nextInt(999_999));
                case 4 -> r % 3 == 0 ? "NA" : String.format(Locale.ROOT, "%.3e", random.nextGaussian() * 1e20);
                default -> random.nextLong() / (1 + random.nextInt(1000)) + "." + random.nextInt(99999);
            };
            fast.append(r % 7 == 0 ? " " + v + " " : r % 7 == 1 ? "\"" + v + "\"" : v).append(",a\n");
            general.append(v).append(",\"a\"\n"); // a quoted cell: the record goes through the state machine
        }
        RawTable a = CsvReader.read(write("fast.csv", fast.toString()), MissingValues.DEFAULT, 1, 1);
        RawTable b = CsvReader.read(write("general.csv", general.toString()), MissingValues.DEFAULT, 1, 1);
        assertFalse(a.column(0).isText());
        assertSameTable(b, a, "fast vs general");
        assertEquals(-0.0f, ((RawTable) read(write("zero.csv", "x,y\n-0,1\n"), 1)).column(0).number(0));
    }

    /** Rows much shorter (then longer) after the first 256 KiB than in them: the columns grow (then are trimmed). */
    @Test
    void columnsSizedFromTheFirstRowsGrowOrShrinkToTheRest() throws IOException {
        String longNote = "n".repeat(1000);
        StringBuilder shortAfterLong = new StringBuilder("x,note\n"), longAfterShort = new StringBuilder("x,note\n");
        for (int r = 0; r < 300; r++) {
            shortAfterLong.append(r).append(',').append(longNote).append('\n');
        }
        for (int r = 0; r < 30_000; r++) {
            shortAfterLong.append(r % 97).append(",a\n");
            longAfterShort.append(r % 97).append(",a\n");
        }
        for (int r = 0; r < 300; r++) {
            longAfterShort.append(r).append(',').append(longNote).append('\n');
        }
        for (StringBuilder content : List.of(shortAfterLong, longAfterShort)) {
            Path csv = write("uneven.csv", content.toString());
            assertSameForAnyThreads(csv);
            RawTable t = (RawTable) read(csv, 2);
            assertEquals(30_300, t.numRows());
            assertEquals(96f, t.column("x").number(content == shortAfterLong ? 300 + 96 : 96));
        }
    }

    @Test
    void aNumericMissingValueTokenIsMissingOnTheFastPathToo() throws IOException {
        Path csv = write("sentinel.csv", "x,label\n-999,a\n5,b\n-9990,a\n");
        RawTable t = CsvReader.read(csv, new MissingValues(List.of("-999")), 1, 1);
        assertTrue(t.column(0).isMissing(0));
        assertEquals(5f, t.column(0).number(1));
        assertEquals(-9990f, t.column(0).number(2));
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRefusedAsBefore() throws IOException {
        Path empty = write("empty.csv", "\n  \n");
        assertThrows(DlkitException.class, () -> CsvReader.read(empty, MissingValues.DEFAULT, 2, 1));
        assertEquals(empty + ": the file is empty; expected a header row and data rows", read(empty, 2));
        Path header = write("header.csv", "a,b\r\n\r\n");
        assertEquals(header + ": only a header row; expected data rows below it", read(header, 2));
    }
}
