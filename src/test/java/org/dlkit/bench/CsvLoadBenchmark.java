package org.dlkit.bench;

import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.dlkit.data.LabelledData;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * CSV loading speed and memory (issue 10, item 4): {@code LabelledData.fromCsv} on a numeric CSV of 10,000 rows by 784
 * feature columns plus a label (values with three decimals in [0, 1], like MNIST scaled), against DataVec's
 * {@code CSVRecordReader} reading the same file in the same JVM.
 *
 * <p>Not run by {@code mvn test}. Run from the repository root:
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.dlkit.bench.CsvLoadBenchmark [CSV]
 * </pre>
 * Without an argument it writes the CSV to the temporary directory (seed 10).
 */
public final class CsvLoadBenchmark {

    private CsvLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = args.length > 0 ? Path.of(args[0]) : generate(Files.createTempFile("dlkit-bench", ".csv"));
        double mb = Files.size(csv) / 1e6;
        System.out.printf(Locale.ROOT, "file: %s, %.1f MB%n", csv, mb);
        double[] dlkit = new double[7];
        LabelledData data = null;
        for (int i = 0; i < dlkit.length; i++) {
            data = null;
            long t0 = System.nanoTime();
            data = LabelledData.fromCsv(csv, null);
            dlkit[i] = (System.nanoTime() - t0) / 1e9;
        }
        double seconds = FitComparison.median(Arrays.copyOfRange(dlkit, 2, dlkit.length));
        System.out.printf(Locale.ROOT, "dlkit LabelledData.fromCsv: %.3f s, %.1f MB/s (median of 5 after 2 warm-ups)%n",
                seconds, mb / seconds);
        long floats = (long) data.numExamples() * data.featureNames().size() * Float.BYTES;
        data = null;
        long before = usedAfterGc();
        data = LabelledData.fromCsv(csv, null);
        long held = usedAfterGc() - before;
        System.out.printf(Locale.ROOT, "memory held by the loaded table: %.1f MB = %.2f x the float32 data (%.1f MB)%n",
                held / 1e6, (double) held / floats, floats / 1e6);
        System.out.println(data.numExamples() + " rows kept");
        double[] datavec = new double[4];
        for (int i = 0; i < datavec.length; i++) {
            long t0 = System.nanoTime();
            try (CSVRecordReader reader = new CSVRecordReader(1, ',', '"')) {
                reader.initialize(new FileSplit(csv.toFile()));
                double sum = 0;
                while (reader.hasNext()) {
                    sum += reader.next().get(0).toDouble();
                }
                if (sum < 0) {
                    System.out.println(sum);
                }
            }
            datavec[i] = (System.nanoTime() - t0) / 1e9;
        }
        double dv = FitComparison.median(Arrays.copyOfRange(datavec, 1, datavec.length));
        System.out.printf(Locale.ROOT, "DataVec CSVRecordReader (records only, no parsing into arrays): %.3f s, %.1f "
                + "MB/s; dlkit is %.1fx faster%n", dv, mb / dv, dv / seconds);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static Path generate(Path file) throws IOException {
        Random random = new Random(10);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder();
            for (int c = 0; c < 784; c++) {
                header.append("px").append(c).append(',');
            }
            w.write(header.append("label\n").toString());
            StringBuilder row = new StringBuilder();
            for (int r = 0; r < 10_000; r++) {
                row.setLength(0);
                for (int c = 0; c < 784; c++) {
                    // three in four pixels are background (0), the rest an intensity with three decimals
                    if (random.nextInt(4) == 0) {
                        row.append(String.format(Locale.ROOT, "%.3f", random.nextInt(1001) / 1000.0));
                    } else {
                        row.append('0');
                    }
                    row.append(',');
                }
                w.write(row.append(r % 10).append('\n').toString());
            }
        }
        file.toFile().deleteOnExit();
        return file;
    }
}
