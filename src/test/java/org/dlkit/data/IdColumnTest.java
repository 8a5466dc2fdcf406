package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ID column read for {@code predict --id}: its cells as written, never through a float (leading zeros, integers
 * above 2^24, text), row for row with the table, however the file is read (the numeric fast path, several threads,
 * blank lines); a name that is no column is one line naming the columns there are and the one it may mean.
 */
class IdColumnTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<String> ids(RawTable t) {
        return IntStream.range(0, t.numRows()).mapToObj(t::id).toList();
    }

    @Test
    void idsAreTheCellsAsWrittenNotTheirNumbers() throws IOException {
        Path csv = write("ids.csv", "id,x\n007,1\n16777217,2\n12345678901234567890,3\n\"A-1, b\",4\n1.50,5\n,6\n");
        RawTable t = RawTable.readCsv(csv, MissingValues.DEFAULT, CsvFormat.DEFAULT, "id");
        assertEquals("id", t.idColumn());
        assertEquals(List.of("007", "16777217", "12345678901234567890", "A-1, b", "1.50", ""), ids(t));
        assertEquals(6, t.column("x").value(5), "the other columns read as ever");
        RawTable plain = RawTable.readCsv(csv, MissingValues.DEFAULT, CsvFormat.DEFAULT);
        assertNull(plain.idColumn());
        assertEquals(plain.column("id").text(1), t.column("id").text(1), "the ID column itself is read as ever");
    }

    @Test
    void aNumericFileKeepsItsIdsOnEveryPathAndThreadCount() throws IOException {
        StringBuilder sb = new StringBuilder("a,PassengerId,b\n");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String id = String.format("%012d", 99_999_000_000L + i);
            expected.add(id);
            sb.append(i % 7).append(',').append(id).append(',').append(i * 0.5).append('\n');
            if (i % 500 == 250) {
                sb.append("\n,,\n"); // blank lines and a spreadsheet's empty row between records
            }
        }
        Path csv = write("numbers.csv", sb.toString());
        for (int threads : new int[] {1, 4}) {
            RawTable t = CsvReader.read(csv, MissingValues.DEFAULT, CsvFormat.DEFAULT, "PassengerId", threads, 1);
            assertEquals(expected, ids(t), threads + " threads");
            RawTable plain = CsvReader.read(csv, MissingValues.DEFAULT, CsvFormat.DEFAULT, threads, 1);
            for (int r = 0; r < t.numRows(); r += 97) {
                assertEquals(plain.line(r), t.line(r));
                assertEquals(plain.column("b").number(r), t.column("b").value(r), "row " + r);
            }
        }
    }

    @Test
    void anIdColumnThatIsNoneOfTheFilesIsNamedWithTheOneItMayMean() throws IOException {
        Path csv = write("t.csv", "PassengerId,Pclass,Sex\n1,3,male\n");
        DlkitException e = assertThrows(DlkitException.class,
                () -> RawTable.readCsv(csv, MissingValues.DEFAULT, CsvFormat.DEFAULT, "passenger_id"));
        assertEquals(csv + ": no column 'passenger_id' for the ID column (did you mean 'PassengerId'? column names "
                + "are matched exactly); the columns are: PassengerId, Pclass, Sex", e.getMessage());
        DlkitException other = assertThrows(DlkitException.class,
                () -> RawTable.readCsv(csv, MissingValues.DEFAULT, CsvFormat.DEFAULT, "Ticket"));
        assertTrue(other.getMessage().endsWith(": no column 'Ticket' for the ID column; the columns are: PassengerId, "
                + "Pclass, Sex"), other.getMessage());
    }
}
