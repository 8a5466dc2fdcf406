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
