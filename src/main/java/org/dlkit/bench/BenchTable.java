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
        out.append(String.format(Locale.ROOT, "%n(b) SGEMM 1024^3     %.1f GFLOP/s at DL4J's BLAS threads (the ceiling of "
                + "the DL4J rows), %s GFLOP/s at the engine's %s (the ceiling of the engine rows)%n", ceiling,
                report.get("sgemm1024GflopsEngineThreads"), threads(report.get("engineThreads"))));
        out.append(String.format(Locale.ROOT, "%n(a, c) standard MLP 784-512-256-10, batch 128, fp32, %s parameters%n",
                report.get("parameters")));
        out.append(String.format(Locale.ROOT, "%-8s %-26s %8s %9s %13s %8s %9s%n", "updater", "trains", "ex/s",
                "vs plain", "CPU vs plain", "GFLOP/s", "of SGEMM"));
        Object defaultEngine = null;
        for (Object item : (List<Object>) report.get("training")) {
            Map<String, Object> row = (Map<String, Object>) item;
            Object updater = row.get("updater");
            defaultEngine = row.get("defaultEngine");
            way(out, updater, "Classifier --engine dl4j", row, "classifier", "classifierOverPlain", "classifierOverPlainCpuTime");
            way(out, updater, "plain DL4J loop", row, "plain", null, null);
            way(out, updater, "Classifier (defaults)", row, "engine", "engineOverPlain", "engineOverPlainCpuTime");
            way(out, updater, "dlkit engine loop", row, "engineLoop", "engineLoopOverPlain",
                    "engineLoopOverPlainCpuTime");
        }
        out.append(String.format(Locale.ROOT, "vs plain: examples/s over the plain DL4J loop's; (defaults): %s%n",
                defaultEngine));
        Map<String, Object> csv = (Map<String, Object>) report.get("csv");
        out.append(String.format(Locale.ROOT, "%n(d) CSV load        %s MB in LabelledData.fromCsv: %s MB/s cold (the "
                + "first load in this JVM), %s MB/s warm (median of %s); the table holds %sx its float32 data%n",
                csv.get("megabytes"), csv.get("coldMBps"), csv.get("warmMBps"), csv.get("warmLoads"),
                csv.get("heldOverFloat32")));
        Map<String, Object> cli = (Map<String, Object>) report.get("cli");
        out.append(String.format(Locale.ROOT, "(e) iris CLI        %s s wall (first run %s s): %s%n",
                cli.get("irisTrainSeconds"), cli.get("irisTrainSecondsFirstRun"), cli.get("command")));
        return out.toString();
    }

    /** One line: {@code prefix}ExamplesPerSecond, -Gflops and -ShareOfSgemm, and the two ratios (none for plain). */
    private static void way(StringBuilder out, Object updater, String name, Map<String, Object> row, String prefix,
                            String ratio, String cpuRatio) {
        out.append(String.format(Locale.ROOT, "%-8s %-26s %8.0f %9s %13s %8.1f %8.0f%%%n", updater, name,
                number(row, prefix + "ExamplesPerSecond"), ratio == null ? "" : ratio(row, ratio),
                cpuRatio == null ? "" : ratio(row, cpuRatio), number(row, prefix + "Gflops"),
                100 * number(row, prefix + "ShareOfSgemm")));
    }

    private static String threads(Object n) {
        return n + ("1".equals(String.valueOf(n)) ? " thread" : " threads");
    }

    private static String ratio(Map<String, Object> row, String key) {
        return String.format(Locale.ROOT, "%.3f", number(row, key));
    }

    private static double number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }
}
