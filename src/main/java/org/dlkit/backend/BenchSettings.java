package org.dlkit.backend;

import org.dlkit.error.DlkitException;

/**
 * The settings of a throughput measurement, checked the same way for DL4J's ({@link Throughput}) and dlkit's engine's
 * ({@code EngineBench}). Free of ND4J, so the engine's benchmark also runs in bin/cuda-check's bundle, which has none.
 */
public final class BenchSettings {

    /** The longest time a measurement or its warm-up may take: a day (longer is a typo, and overflows timers). */
    public static final int MAX_SECONDS = 86_400;

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
     *                        negative, or either is not a number or longer than {@link #MAX_SECONDS}
     */
    public static void check(int batch, double seconds, double warmupSeconds) {
        if (batch < 1) {
            throw new DlkitException("--batch: expected a positive number of examples, got " + batch);
        }
        if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
            throw new DlkitException("--seconds: expected a time above 0 and at most " + MAX_SECONDS + " s, got "
                    + seconds);
        }
        if (!(warmupSeconds >= 0 && warmupSeconds <= MAX_SECONDS)) {
            throw new DlkitException("--warmup: expected a time from 0 to " + MAX_SECONDS + " s, got " + warmupSeconds);
        }
    }
}
