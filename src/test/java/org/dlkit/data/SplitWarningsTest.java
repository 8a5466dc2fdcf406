package org.dlkit.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A text cell in a numeric column, or a category unseen in training, spread over the train, validation and test rows
 * of one table: warned about once per column for the whole table, as a user reads the file, not once per split.
 */
class SplitWarningsTest {

    @TempDir
    Path dir;

    @Test
    void oneWarningPerColumnForTheWholeTable() throws IOException {
        StringBuilder sb = new StringBuilder("age,colour,label\n");
        for (int i = 0; i < 200; i++) {
            String age = i == 5 || i == 60 || i == 120 ? "-" : String.valueOf(20 + i % 37);
            String colour = i == 190 || i == 150 || i == 33 ? "purple" : i % 2 == 0 ? "red" : "blue";
            sb.append(age).append(',').append(colour).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        Path csv = Files.writeString(dir.resolve("ages.csv"), sb.toString(), StandardCharsets.UTF_8);
        List<String> warnings = new ArrayList<>();
        PreparedData prepared = PreparedData.of(LabelledData.fromCsv(csv, "label"),
                new PreparedData.Split(0.2, 0.2, 42), warnings::add);
        List<String> ages = warnings.stream().filter(w -> w.startsWith(csv + ", column 'age'")).toList();
        assertEquals(List.of(csv + ", column 'age': lines 7, 62, 122 hold '-', not a number; read as missing"), ages);
        assertEquals(3, prepared.imputed(), "each '-' cell filled in once");
    }

    @Test
    void unseenCategoriesInSeveralPartsAreOneWarning() throws IOException {
        StringBuilder sb = new StringBuilder("colour,label\n");
        for (int i = 0; i < 12; i++) {
            sb.append(i == 7 || i == 10 ? "purple" : i % 2 == 0 ? "red" : "blue").append(',')
                    .append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        Path csv = Files.writeString(dir.resolve("colours.csv"), sb.toString(), StandardCharsets.UTF_8);
        LabelledData data = LabelledData.fromCsv(csv, "label");
        FeatureTransform t = FeatureTransform.fit(data.rows(new int[] {0, 1, 2, 3, 4, 5}), w -> { });
        List<String> warnings = new ArrayList<>();
        FeatureTransform.Labelled[] parts = t.dataSets(org.nd4j.linalg.api.buffer.DataType.FLOAT, warnings::add,
                data.rows(new int[] {0, 1, 2, 3, 4, 5}), null, data.rows(new int[] {6, 7}), data.rows(new int[] {10}));
        assertEquals(List.of(csv + ", column 'colour': 'purple' (2 rows) not seen in training; encoded as all zeros"),
                warnings);
        assertEquals(null, parts[1]);
        assertEquals(List.of(6L, 2L, 1L), java.util.Arrays.stream(new int[] {0, 2, 3})
                .mapToObj(p -> parts[p].data().numExamples()).map(Long::valueOf).toList());
    }
}
