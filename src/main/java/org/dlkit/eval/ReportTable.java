package org.dlkit.eval;

import java.util.Locale;

/** Renders an {@link EvaluationReport} as aligned plain text. */
final class ReportTable {

    private ReportTable() {
    }

    static String render(EvaluationReport report) {
        int nameWidth = Math.max(5, report.classNames().stream().mapToInt(String::length).max().orElse(5));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "accuracy %.4f   macro F1 %.4f   (%d test rows)%n%n",
                report.accuracy(), report.macroF1(), report.examples()));
        out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  precision  recall      f1  support%n", "class"));
        for (EvaluationReport.ClassMetrics c : report.classes()) {
            out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %9.4f  %6.4f  %6.4f  %7d%n",
                    c.name(), c.precision(), c.recall(), c.f1(), c.support()));
        }
        out.append(String.format(Locale.ROOT, "%nconfusion matrix (rows: actual, columns: predicted)%n"));
        int cell = Math.max(nameWidth, String.valueOf(report.examples()).length());
        out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", ""));
        for (String name : report.classNames()) {
            out.append(String.format(Locale.ROOT, "  %" + cell + "s", name));
        }
        out.append(System.lineSeparator());
        int[][] m = report.confusion();
        for (int a = 0; a < m.length; a++) {
            out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", report.classNames().get(a)));
            for (int p = 0; p < m.length; p++) {
                out.append(String.format(Locale.ROOT, "  %" + cell + "d", m[a][p]));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
