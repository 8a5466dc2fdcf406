package org.dlkit.eval;

import org.dlkit.text.DisplayWidth;

import java.util.Locale;

/**
 * Renders an {@link EvaluationReport} as aligned plain text; class names are padded by the columns they take
 * ({@link DisplayWidth}), so Chinese, Japanese or emoji names keep the columns aligned.
 */
final class ReportTable {

    private ReportTable() {
    }

    static String render(EvaluationReport report) {
        int nameWidth = Math.max(5, report.classNames().stream().mapToInt(DisplayWidth::of).max().orElse(5));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "accuracy %.4f   macro F1 %.4f   (%d test rows)%n",
                report.accuracy(), report.macroF1(), report.examples()));
        baseline(report, out);
        out.append(DisplayWidth.padRight("class", nameWidth)).append(String.format(Locale.ROOT,
                "  precision  recall      f1  support%n"));
        for (EvaluationReport.ClassMetrics c : report.classes()) {
            out.append(DisplayWidth.padRight(c.name(), nameWidth)).append(String.format(Locale.ROOT,
                    "  %9.4f  %6.4f  %6.4f  %7d%n", c.precision(), c.recall(), c.f1(), c.support()));
        }
        out.append(String.format(Locale.ROOT, "%nconfusion matrix (rows: actual, columns: predicted)%n"));
        int cell = Math.max(nameWidth, String.valueOf(report.examples()).length());
        out.append(" ".repeat(nameWidth));
        for (String name : report.classNames()) {
            out.append("  ").append(DisplayWidth.padLeft(name, cell));
        }
        out.append(System.lineSeparator());
        int[][] m = report.confusion();
        for (int a = 0; a < m.length; a++) {
            out.append(DisplayWidth.padRight(report.classNames().get(a), nameWidth));
            for (int p = 0; p < m.length; p++) {
                out.append(String.format(Locale.ROOT, "  %" + cell + "d", m[a][p]));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    /**
     * The majority-class baseline below the accuracy, and a warning when the accuracy is not clearly above it (the
     * accuracy paradox on an imbalanced label; chance level on noisy labels).
     */
    private static void baseline(EvaluationReport report, StringBuilder out) {
        if (report.examples() == 0) {
            out.append(System.lineSeparator());
            return;
        }
        out.append(String.format(Locale.ROOT, "majority-class baseline %.4f (always '%s'%s)%n", report.baseline(),
                report.majorityClass(), report.baseline() >= 1 ? ": every row is of that class" : ""));
        if (report.noBetterThanChance()) {
            out.append(String.format(Locale.ROOT, "warning: accuracy %.4f is not clearly above that baseline (it "
                    + "takes above %.4f on %d rows), nor is the balanced accuracy %.4f above chance: no better than "
                    + "chance at telling the classes apart; see each class's recall and F1%n", report.accuracy(),
                    report.clearlyAboveAt(), report.examples(), report.balancedAccuracy()));
        }
        out.append(System.lineSeparator());
    }
}
