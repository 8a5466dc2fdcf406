package org.dlkit.backend;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ceiling training is measured against: C = A·B in fp32 with n = 1024 through ND4J's BLAS, GFLOP/s = 2n³ per
 * product / seconds, at the BLAS thread count in effect on the calling thread.
 */
public final class Sgemm {

    /** The matrix order. */
    public static final int N = 1024;

    private Sgemm() {
    }

    /** Multiplies for {@code warmupSeconds}, then returns the GFLOP/s of {@code seconds} of products. */
    public static double gflops(double seconds, double warmupSeconds, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray a = Nd4j.rand(DataType.FLOAT, N, N);
        INDArray b = Nd4j.rand(DataType.FLOAT, N, N);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {N, N}, 'f');
        multiply(a, b, c, warmupSeconds);
        long start = System.nanoTime();
        long products = multiply(a, b, c, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return 2.0 * N * N * N * products / elapsed / 1e9;
    }

    private static long multiply(INDArray a, INDArray b, INDArray c, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long products = 0;
        do {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            products++;
        } while (System.nanoTime() < end);
        Nd4j.getExecutioner().commit();
        return products;
    }
}
