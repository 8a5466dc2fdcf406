package org.dlkit.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark report as a table for people; the JSON holds the same numbers and each epoch's time. */
public final class BenchTable {

    private BenchTable() {
    }

    @SuppressWarnings("unchecked")
    public static String text(Map<String, Object> report) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> machine = (Map<String, Object>) report.get("machine");
        machine.forEach((key, value) -> out.append(String.format(Locale.ROOT, "%-18s %s%n", key, value)));
        double ceiling = ((Number) report.get("sgemm1024Gflops")).doubleValue();
        out.append(String.format(Locale.ROOT, "%n(b) SGEMM 1024^3     %.1f GFLOP/s (the ceiling)%n", ceiling));
        out.append(String.format(Locale.ROOT, "%n(a, c) standard MLP 784-512-256-10, batch 128, fp32, %s parameters%n",
                report.get("parameters")));
        out.append(String.format(Locale.ROOT, "%-8s %15s %15s %7s %9s %20s %20s%n", "updater", "Classifier ex/s",
                "plain DL4J ex/s", "ratio", "CPU ratio", "Classifier GFLOP/s", "plain GFLOP/s"));
        for (Object item : (List<Object>) report.get("training")) {
            Map<String, Object> row = (Map<String, Object>) item;
            out.append(String.format(Locale.ROOT, "%-8s %15.0f %15.0f %7.3f %9.3f %12.1f (%4.0f%%) %12.1f (%4.0f%%)%n",
                    row.get("updater"), number(row, "classifierExamplesPerSecond"),
                    number(row, "plainExamplesPerSecond"), number(row, "classifierOverPlain"),
                    number(row, "classifierOverPlainCpuTime"),
                    number(row, "classifierGflops"), 100 * number(row, "classifierShareOfSgemm"),
                    number(row, "plainGflops"), 100 * number(row, "plainShareOfSgemm")));
        }
        Map<String, Object> csv = (Map<String, Object>) report.get("csv");
        out.append(String.format(Locale.ROOT, "%n(d) CSV load        %s MB in LabelledData.fromCsv: %s MB/s cold (the "
                + "first load in this JVM), %s MB/s warm (median of %s); the table holds %sx its float32 data%n",
                csv.get("megabytes"), csv.get("coldMBps"), csv.get("warmMBps"), csv.get("warmLoads"),
                csv.get("heldOverFloat32")));
        Map<String, Object> cli = (Map<String, Object>) report.get("cli");
        out.append(String.format(Locale.ROOT, "(e) iris CLI        %s s wall: %s%n", cli.get("irisTrainSeconds"),
                cli.get("command")));
        return out.toString();
    }

    private static double number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }
}
