package org.dlkit.bench;

import org.dlkit.data.FeatureTransform;
import org.dlkit.data.LabelledData;
import org.dlkit.data.PreparedData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Table preparation, stage by stage, for a wide numeric table (the benchmark's MNIST-like job, 20,000 × 784 by
 * default, read from a CSV and given as {@code double[][]} to {@code LabelledData.fromArrays}) and a mixed one
 * (200,000 × 30: numbers with gaps, ties and negative zeros, categories with gaps). Stages: read; split; fit the
 * transform ({@code FeatureTransform.fit}: the schema's kinds, medians, ranges and categories, and DataVec's process
 * built from them); apply it to the three parts ({@code dataSet}); standardise (means, stds:
 * {@code NormalizerStandardize} fit and transform); total; and, outside the total, building DataVec's process again
 * alone ({@code FeatureTransform.of}), the part of fit that is not the statistics. Medians over rounds 2..N
 * (N = ROUNDS, 4 by default), and round 1 alone: the first round of a JVM (JIT compilation, and ND4J's start in the
 * first apply) is what a {@code dlkit train} sees. Results: docs/performance.md, section 9.
 *
 * <p>Not run by {@code mvn test}. Run from the repository root (before/after: run it with each build's classes):
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -Xmx6g \
 *   -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.dlkit.bench.TablePrepBenchmark [ROUNDS] [WIDE_ROWS] [MIXED_ROWS]
 * </pre>
 */
public final class TablePrepBenchmark {

    private static final String[] STAGES = {"read", "split", "fit", "apply", "standardise", "total", "(build)"};

    private TablePrepBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int wideRows = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int mixedRows = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        Path dir = Files.createTempDirectory("dlkit-prep");
        Path wide = JobCsv.write(dir.resolve("wide.csv"), wideRows, 42);
        Path mixed = writeMixed(dir.resolve("mixed.csv"), mixedRows, 7);
        Path zip = writeZip(dir.resolve("zip.csv"), mixedRows, 11);
        System.out.printf(Locale.ROOT, "processors %d, OPENBLAS_CORETYPE %s%n",
                Runtime.getRuntime().availableProcessors(), System.getenv("OPENBLAS_CORETYPE"));
        double[][] x = new double[wideRows][];
        int[] y = new int[wideRows];
        arrays(x, y, 42);
        Map<String, List<double[]>> runs = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            runs.computeIfAbsent("wide csv " + wideRows + "x784", k -> new ArrayList<>()).add(stages(
                    () -> LabelledData.fromCsv(wide, JobCsv.LABEL)));
            runs.computeIfAbsent("wide fromArrays " + wideRows + "x784", k -> new ArrayList<>()).add(stages(
                    () -> LabelledData.fromArrays(x, y)));
            runs.computeIfAbsent("mixed csv " + mixedRows + "x30", k -> new ArrayList<>()).add(stages(
                    () -> LabelledData.fromCsv(mixed, "label")));
            runs.computeIfAbsent("zip csv " + mixedRows + "x12", k -> new ArrayList<>()).add(stages(
                    () -> LabelledData.fromCsv(zip, "label")));
        }
        for (Map.Entry<String, List<double[]>> e : runs.entrySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s", e.getKey()));
            for (int s = 0; s < STAGES.length; s++) {
                double[] seconds = new double[e.getValue().size() - 1];
                for (int i = 1; i < e.getValue().size(); i++) {
                    seconds[i - 1] = e.getValue().get(i)[s];
                }
                line.append(String.format(Locale.ROOT, "  %s %.3f", STAGES[s], FitComparison.median(seconds)));
            }
            System.out.println(line);
            StringBuilder cold = new StringBuilder(String.format(Locale.ROOT, "%-28s", "  first round"));
            for (int s = 0; s < STAGES.length; s++) {
                cold.append(String.format(Locale.ROOT, "  %s %.3f", STAGES[s], e.getValue().get(0)[s]));
            }
            System.out.println(cold);
        }
    }

    /** The seconds of each stage in {@link #STAGES}, for the data {@code read} returns. */
    private static double[] stages(java.util.function.Supplier<LabelledData> read) {
        Consumer<String> quiet = w -> { };
        double[] t = new double[STAGES.length];
        long t0 = System.nanoTime();
        LabelledData data = read.get();
        long t1 = System.nanoTime();
        PreparedData.Parts parts = PreparedData.split(data, new PreparedData.Split(0.2, 0.1, 42));
        long t2 = System.nanoTime();
        FeatureTransform transform = FeatureTransform.fit(parts.train(), quiet);
        long t3 = System.nanoTime();
        FeatureTransform.Labelled[] encoded = transform.dataSets(DataType.FLOAT, quiet, parts.train(),
                parts.validation(), parts.test()); // as PreparedData.of encodes them
        FeatureTransform.Labelled train = encoded[0], validation = encoded[1], test = encoded[2];
        long t4 = System.nanoTime();
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(train.data());
        normalizer.transform(train.data());
        normalizer.transform(validation.data());
        normalizer.transform(test.data());
        long t5 = System.nanoTime();
        FeatureTransform.of(transform.schema(), transform.missingValues(), transform.missing(),
                transform.decimalComma());
        long t6 = System.nanoTime();
        long[] marks = {t0, t1, t2, t3, t4, t5};
        for (int s = 0; s + 1 < marks.length; s++) {
            t[s] = (marks[s + 1] - marks[s]) / 1e9;
        }
        t[5] = (t5 - t0) / 1e9;
        t[6] = (t6 - t5) / 1e9;
        return t;
    }

    /** Fills {@code x} and {@code y} with numbers like the wide job's (integers 0–255, 84% of them 0) and classes. */
    private static void arrays(double[][] x, int[] y, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < x.length; r++) {
            y[r] = random.nextInt(JobCsv.CLASSES);
            x[r] = new double[JobCsv.FEATURES];
            for (int j = 0; j < JobCsv.FEATURES; j++) {
                x[r][j] = random.nextDouble() < 0.16 ? 1 + random.nextInt(255) : 0;
            }
        }
    }

    /**
     * A mixed table: 20 numeric columns (decimals, small integers with many ties, some negative zeros, 5% gaps in
     * every other one), 8 categorical ones (3–12 categories, 3% gaps in half), a 3-class label.
     */
    static Path writeMixed(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < 20; j++) {
                line.append('n').append(j).append(',');
            }
            for (int j = 0; j < 8; j++) {
                line.append('c').append(j).append(',');
            }
            out.write(line.append("label\n").toString());
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int j = 0; j < 20; j++) {
                    if (j % 2 == 1 && random.nextDouble() < 0.05) {
                        line.append(',');
                    } else if (j % 3 == 0) {
                        int v = random.nextInt(-5, 6);
                        line.append(v == 0 && random.nextBoolean() ? "-0" : Integer.toString(v)).append(',');
                    } else {
                        line.append(Math.round((random.nextGaussian() * 10 + j) * 1000) / 1000.0).append(',');
                    }
                }
                for (int j = 0; j < 8; j++) {
                    if (j % 2 == 0 && random.nextDouble() < 0.03) {
                        line.append(',');
                    } else {
                        line.append("k").append(random.nextInt(3 + j)).append(',');
                    }
                }
                out.write(line.append("abc".charAt(random.nextInt(3))).append('\n').toString());
            }
        }
        return file;
    }

    /**
     * A table with a ZIP-like column: 5-digit codes, 30% of them with a leading zero ({@code 02139}), then 10
     * decimal columns and a 3-class label (the CSV reader's leading-zero check, in its numeric fast path).
     */
    static Path writeZip(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder("zip,");
            for (int j = 0; j < 10; j++) {
                line.append('n').append(j).append(',');
            }
            out.write(line.append("label\n").toString());
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                int zip = random.nextDouble() < 0.3 ? random.nextInt(1000, 10_000) : random.nextInt(10_000, 100_000);
                line.append(String.format(Locale.ROOT, "%05d", zip)).append(',');
                for (int j = 0; j < 10; j++) {
                    line.append(Math.round((random.nextGaussian() * 10 + j) * 1000) / 1000.0).append(',');
                }
                out.write(line.append("abc".charAt(random.nextInt(3))).append('\n').toString());
            }
        }
        return file;
    }
}
