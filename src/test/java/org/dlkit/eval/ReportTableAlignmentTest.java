package org.dlkit.eval;

import org.dlkit.text.DisplayWidth;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The evaluation table keeps its columns when class names are Chinese, Japanese, accented or emoji. */
class ReportTableAlignmentTest {

    private static final List<String> NAMES = List.of("山鸢尾", "ねこ", "caf\u00e9", "cafe\u0301", "\uD83D\uDC31", "setosa");

    @Test
    void classRowsAndConfusionMatrixAreAlignedByDisplayWidth() {
        int n = NAMES.size();
        List<EvaluationReport.ClassMetrics> classes = new ArrayList<>();
        int[][] confusion = new int[n][n];
        for (int c = 0; c < n; c++) {
            classes.add(new EvaluationReport.ClassMetrics(NAMES.get(c), 0.5, 0.25, 0.3333, 10 + c));
            confusion[c][c] = 100 + c;
            confusion[c][(c + 1) % n] = 3;
        }
        String table = new EvaluationReport(NAMES, 600, 0.5, 0.4, classes, confusion).table();
        List<String> lines = table.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("class")).findFirst().orElseThrow());
        List<String> metrics = lines.subList(header, header + n + 1);
        for (String line : metrics) {
            assertEquals(DisplayWidth.of(metrics.get(0)), DisplayWidth.of(line), "a class row as wide as its header:\n"
                    + table);
        }
        int matrix = lines.indexOf("confusion matrix (rows: actual, columns: predicted)") + 1;
        List<String> rows = lines.subList(matrix, matrix + n + 1);
        for (String line : rows) {
            assertEquals(DisplayWidth.of(rows.get(0)), DisplayWidth.of(line), "every matrix row as wide:\n" + table);
        }
        for (int c = 0; c < n; c++) {
            String row = rows.get(c + 1);
            String count = String.valueOf(100 + c);
            int end = row.indexOf(count) + count.length();
            String header0 = rows.get(0);
            String name = NAMES.get(c);
            int headerEnd = header0.indexOf(name) + name.length();
            assertEquals(DisplayWidth.of(header0.substring(0, headerEnd)), DisplayWidth.of(row.substring(0, end)),
                    "the diagonal count of '" + name + "' ends under its column name:\n" + table);
        }
    }
}
