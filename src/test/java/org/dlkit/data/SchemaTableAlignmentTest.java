package org.dlkit.data;

import org.dlkit.text.DisplayWidth;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema table (train's first stage, explain, the model summary) keeps its columns with CJK and accented names. */
class SchemaTableAlignmentTest {

    @Test
    void kindColumnStartsAtTheSameDisplayColumnOnEveryRow() {
        List<String> names = List.of("花萼长度", "がくの幅", "caf\u00e9", "cafe\u0301", "\uD83D\uDE00 score", "x");
        double[][] x = new double[12][names.size()];
        String[] y = new String[12];
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < names.size(); c++) {
                x[r][c] = r * (c + 1) % 7 + 0.5 * c;
            }
            y[r] = r % 2 == 0 ? "是" : "否";
        }
        LabelledData data = LabelledData.fromArrays(names, x, "类别", y, TableOptions.DEFAULT);
        String table = FeatureTransform.fit(data, w -> { }).schema().table();
        List<String> lines = table.lines().toList();
        assertEquals(names.size() + 1, lines.size(), table);
        int kindAt = DisplayWidth.of(lines.get(0).substring(0, lines.get(0).indexOf("kind")));
        for (String line : lines.subList(1, lines.size())) {
            int at = line.indexOf("numeric");
            assertTrue(at > 0, line);
            assertEquals(kindAt, DisplayWidth.of(line.substring(0, at)), "'kind' column of\n" + table);
        }
    }
}
