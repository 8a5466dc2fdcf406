package org.dlkit.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Blank lines and lines of empty cells between a table's rows are skipped and counted, with their lines, however the
 * file is read (one thread or several, a blank line at a range's end); those after the last row are not counted.
 */
class BlankLinesTest {

    @TempDir
    Path dir;

    @Test
    void blankLinesBetweenRowsAreCountedAndThoseAfterTheLastAreNot() throws IOException {
        Path csv = Files.writeString(dir.resolve("gaps.csv"), "a,b\r\n\r\n1,x\r\n2,y\r\n\r\n,\r\n 3,z\r\n4,w\r\n\r\n\r\n");
        RawTable t = RawTable.readCsv(csv, MissingValues.DEFAULT);
        assertEquals(4, t.numRows());
        assertEquals(7, t.line(2));
        assertEquals("3 blank lines between the rows were skipped (lines 2, 5, 6)", t.blankLinesSkipped());
        Path one = Files.writeString(dir.resolve("one.csv"), "a,b\n1,x\n\n2,y\n\n");
        assertEquals("1 blank line between the rows was skipped (line 3)",
                RawTable.readCsv(one, MissingValues.DEFAULT).blankLinesSkipped());
        Path none = Files.writeString(dir.resolve("none.csv"), "a,b\n1,x\n2,y\n\n\n");
        assertNull(RawTable.readCsv(none, MissingValues.DEFAULT).blankLinesSkipped(), "trailing ones move no row");
    }

    @Test
    void rangesReadSideBySideCountAsOneReaderDoes() throws IOException {
        StringBuilder sb = new StringBuilder("a,b\n");
        int blank = 0;
        for (int i = 0; i < 4000; i++) {
            sb.append(i).append(',').append(i % 5).append('\n');
            if (i % 400 == 399) {
                sb.append(i % 800 == 399 ? "\n" : ",\n");
                blank++;
            }
        }
        Path csv = Files.writeString(dir.resolve("many.csv"), sb.toString());
        String one = CsvReader.read(csv, MissingValues.DEFAULT, 1, 1).blankLinesSkipped();
        assertEquals((blank - 1) + " blank lines between the rows were skipped (lines 402, 803, 1204 and "
                + (blank - 4) + " more)", one, "the last one follows the last row");
        for (int threads = 2; threads <= 4; threads++) {
            assertEquals(one, CsvReader.read(csv, MissingValues.DEFAULT, threads, 1).blankLinesSkipped(),
                    threads + " threads");
        }
    }
}
