package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Labels taken from the label column's codes: the classes and rows that per-row texts gave. */
class LabelCodesTest {

    @TempDir
    Path dir;

    @Test
    void numericLabelsAreClassesInNumericOrderAndMinusZeroIsZero() throws IOException {
        Path csv = dir.resolve("numeric.csv");
        Files.writeString(csv, "x,y\n1,10\n2,-0\n3,2.5\n4,\n5,0\n6,10\n7,NA\n");
        LabelledData data = LabelledData.fromCsv(csv, "y");
        assertEquals(List.of("0", "2.5", "10"), data.classNames());
        assertArrayEquals(new int[] {2, 0, 1, 0, 2}, data.labels());
        assertEquals(2, data.unlabelledRows());
        assertEquals(6, data.line(3), "the rows kept keep their lines");
    }

    @Test
    void textLabelsAndKnownClasses() throws IOException {
        Path csv = dir.resolve("text.csv");
        Files.writeString(csv, "x,y\n1,b\n2,a\n3,\n4,b\n");
        LabelledData data = LabelledData.fromCsv(csv, "y");
        assertEquals(List.of("a", "b"), data.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, data.labels());
        LabelledData known = LabelledData.fromCsv(csv, "y", List.of("b", "a"));
        assertArrayEquals(new int[] {0, 1, 0}, known.labels());
        DlkitException e = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(csv, "y", List.of("b")));
        assertEquals(csv + ", line 3, column 'y': unknown class 'a'; the model knows [b]", e.getMessage());
    }
}
