package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Columns left out for what they are, said so with the way on: codes with more distinct values than
 * {@code --max-categories} (ICD-9 diagnoses, stock codes), and a table whose every column is left out.
 */
class LeftOutColumnsTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** 600 rows: an age, and ICD-9-like diagnosis codes (100 numeric codes, 10 V codes, 10 E codes), 120 in all. */
    private Path diagnoses() throws IOException {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            codes.add(i % 2 == 0 ? Integer.toString(100 + i * 7) : String.format(Locale.ROOT, "%d.%d", 200 + i, i % 9));
        }
        for (int i = 0; i < 10; i++) {
            codes.add("V" + (50 + i));
            codes.add("E" + (880 + i));
        }
        Random random = new Random(11);
        StringBuilder sb = new StringBuilder("age,diag_1,label\n");
        for (int i = 0; i < 600; i++) {
            sb.append(20 + random.nextInt(70)).append(',').append(codes.get(i % codes.size())).append(',')
                    .append(i % 3 == 0 ? "yes" : "no").append('\n');
        }
        return write("diabetes.csv", sb.toString());
    }

    @Test
    void manyCodesAreNamedAsCodesWithTheOptionThatOneHotsThem() throws IOException {
        Path csv = diagnoses();
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(csv, "label"), warnings::add).schema();
        assertEquals(ColumnKind.IGNORED, schema.column("diag_1").kind());
        assertEquals(List.of("column 'diag_1' holds codes (e.g. '100', 'E880'): 120 distinct values, more than "
                + "--max-categories 50; left out (pass --max-categories 120 or --categorical diag_1 to one-hot encode "
                + "them, one input per code, or group them into fewer categories first, such as by their first "
                + "characters)"), warnings);
        TableSchema wider = FeatureTransform.fit(LabelledData.fromCsv(csv, "label",
                TableOptions.DEFAULT.withMaxCategories(120)), w -> { }).schema();
        assertEquals(ColumnKind.CATEGORICAL, wider.column("diag_1").kind(), "the option the warning names");
        assertEquals(120, wider.column("diag_1").categories().size());
    }

    @Test
    void uniqueCodesAreStillAnIdAndNamesAreNotCodes() throws IOException {
        StringBuilder sb = new StringBuilder("customer,name,x,label\n");
        for (int i = 0; i < 200; i++) {
            sb.append(String.format(Locale.ROOT, "C%05d,%s %d,%d,%s%n", 1000 + i * 3, i % 2 == 0 ? "Anna" : "Bo",
                    i % 60, i % 7, i % 2 == 0 ? "a" : "b"));
        }
        List<String> warnings = new ArrayList<>();
        FeatureTransform.fit(LabelledData.fromCsv(write("customers.csv", sb.toString()), "label"), warnings::add);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().allMatch(w -> w.contains("an ID, a name or free text?")), warnings.toString());
    }

    @Test
    void noFeatureColumnLeftNamesEachColumnsReasonAndItsWayOn() throws IOException {
        StringBuilder sb = new StringBuilder("id,when,lap,tags,note,label\n");
        for (int i = 0; i < 100; i++) {
            sb.append(String.format(Locale.ROOT, "%d,2024-01-%02d,%d:%02d,\"['a', 'b%d']\",%s,%s%n", i + 1, i % 28 + 1,
                    20 + i % 40, i % 60, i, "x" + i, i % 2 == 0 ? "a" : "b"));
        }
        Path csv = write("leftout.csv", sb.toString());
        DlkitException e = assertThrows(DlkitException.class, () -> FeatureTransform.fit(LabelledData.fromCsv(csv,
                "label", TableOptions.DEFAULT.withIgnore(List.of("note"))), w -> { }));
        assertEquals(csv + ": no feature column left: every one is left out: 'id' holds unique increasing integers, "
                + "like a row ID (pass --numeric id to use it); 'when' looks like dates (e.g. '2024-01-01') (to use "
                + "it, write it as numbers, such as the year, the month, the day of the week or the days since a "
                + "start); 'lap' looks like durations (e.g. '20:00') (to use it, write it as a number, such as "
                + "seconds: 3:45 as 225); 'tags' holds lists (e.g. '['a', 'b0']') (to use it, make a column for each "
                + "element, 1 where a row's list holds it and 0 where not); 'note' left out by --ignore (drop it "
                + "from --ignore to use it)", e.getMessage());
        assertTrue(!e.getMessage().contains("--categorical"), "no column here is one to one-hot encode");
    }
}
