package org.dlkit.backend;

import org.dlkit.error.DlkitException;

/**
 * The settings of a throughput measurement, checked the same way for DL4J's ({@link Throughput}) and dlkit's engine's
 * ({@code EngineBench}). Free of ND4J, so the engine's benchmark also runs in bin/cuda-check's bundle, which has none.
 */
public final class BenchSettings {

    private BenchSettings() {
    }

    /**
     * The batch sizes to measure: {@code asked} (--batch), else 128, and 128 and 1024 on dlkit's engine on a GPU;
     * each is {@link #check checked} before anything is measured.
     *
     * @param asked the sizes asked for, or null for the default
     * @throws DlkitException as {@link #check}, for the first bad size
     */
    public static int[] batches(int[] asked, boolean engineOnGpu, double seconds, double warmupSeconds) {
        int[] sizes = asked != null ? asked : engineOnGpu ? new int[]{128, 1024} : new int[]{128};
        for (int size : sizes) {
            check(size, seconds, warmupSeconds);
        }
        return sizes;
    }

    /**
     * @throws DlkitException naming the option, when the batch is not positive, the time not positive or the warm-up
     *                        negative
     */
    public static void check(int batch, double seconds, double warmupSeconds) {
        if (batch < 1) {
            throw new DlkitException("--batch: expected a positive number of examples, got " + batch);
        }
        if (!(seconds > 0) || warmupSeconds < 0) {
            throw new DlkitException("--seconds: expected a positive time and a warm-up ≥ 0, got " + seconds
                    + " and " + warmupSeconds);
        }
    }
}
