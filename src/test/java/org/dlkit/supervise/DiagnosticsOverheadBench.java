package org.dlkit.supervise;

import org.dlkit.Classifier;
import org.dlkit.data.LabelledData;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark (not a unit test): the cost of the default diagnostics, as the ratio of training time with diagnostics
 * every {@link Diagnostics#DEFAULT_EVERY} iterations to training time without them, on the bundled datasets with the
 * default network and a fixed number of epochs (early stopping off, so both runs do the same work). It reports the
 * training thread's CPU time, which a busy machine disturbs far less than wall time (with {@code OMP_NUM_THREADS=1}
 * ND4J computes in the calling thread), and the wall time; runs with and without alternate, and medians are compared.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * OMP_NUM_THREADS=1 java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.dlkit.supervise.DiagnosticsOverheadBench [repeats]
 * </pre>
 */
public final class DiagnosticsOverheadBench {

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (String name : new String[]{"iris", "digits"}) {
            LabelledData data = LabelledData.fromCsv(Path.of("datasets", name + ".csv"), null);
            int epochs = name.equals("iris") ? 200 : 40;
            time(data, epochs, 0); // warm-up: JIT and ND4J
            time(data, epochs, Diagnostics.DEFAULT_EVERY);
            double[][] off = new double[2][repeats];
            double[][] on = new double[2][repeats];
            for (int r = 0; r < repeats; r++) { // interleaved, so drifts in machine load hit both
                double[] a = time(data, epochs, 0);
                double[] b = time(data, epochs, Diagnostics.DEFAULT_EVERY);
                off[0][r] = a[0];
                off[1][r] = a[1];
                on[0][r] = b[0];
                on[1][r] = b[1];
            }
            for (int k = 0; k < 2; k++) {
                double mOff = median(off[k]);
                double mOn = median(on[k]);
                System.out.printf(Locale.ROOT, "%-7s %3d epochs  %-4s without diagnostics %7.1f ms  with (every %d) "
                        + "%7.1f ms  overhead %+.1f%%%n", name, epochs, k == 0 ? "cpu" : "wall", mOff,
                        Diagnostics.DEFAULT_EVERY, mOn, 100 * (mOn / mOff - 1));
            }
        }
    }

    /** {thread CPU ms, wall ms} of one training run. */
    private static double[] time(LabelledData data, int epochs, int diagnosticsEvery) {
        Classifier c = Classifier.builder().epochs(epochs).patience(0).diagnostics(diagnosticsEvery).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        c.fit(data);
        return new double[]{(threads.getCurrentThreadCpuTime() - cpu) / 1e6, (System.nanoTime() - wall) / 1e6};
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
