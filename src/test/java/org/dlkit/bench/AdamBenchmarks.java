package org.dlkit.bench;

import org.dlkit.train.OnePassAdam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One Adam step over the standard MLP's 535,818 fp32 parameters: DL4J's {@link AdamUpdater} (ND4J M2.1's fused
 * {@code adam_updater} op), the same maths as nine in-place ND4J element-wise ops ({@link #elementwiseAdam}), and
 * dlkit's {@link OnePassAdam} (one JIT-compiled pass over the native memory), with an element-wise multiply over the
 * same vector for scale. Every call first copies a fixed gradient into the gradient
 * array (both updaters overwrite it with the update); {@code copyOnly} measures that copy alone.
 *
 * <p>Not run by {@code mvn test}. Run from the repository root:
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * OMP_NUM_THREADS=1 java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     org.openjdk.jmh.Main 'org.dlkit.bench.AdamBenchmarks' -rf text
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class AdamBenchmarks {

    static final int PARAMETERS = 535_818;

    INDArray source;
    INDArray gradient;
    AdamUpdater fused;
    OnePassAdam onePass;
    AdamUpdater elementwiseState;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getRandom().setSeed(42);
        source = Nd4j.randn(DataType.FLOAT, 1, PARAMETERS).muli(1e-2);
        gradient = source.dup();
        fused = adam();
        onePass = new OnePassAdam(adam());
        elementwiseState = adam();
    }

    private static AdamUpdater adam() {
        AdamUpdater updater = new AdamUpdater(new Adam(1e-3));
        updater.setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2L * PARAMETERS), new long[] {1, PARAMETERS}, 'c',
                true);
        return updater;
    }

    @Benchmark
    public INDArray copyOnly() {
        return gradient.assign(source);
    }

    @Benchmark
    public INDArray multiply() {
        return gradient.assign(source).muli(1.0001);
    }

    @Benchmark
    public INDArray dl4jFusedAdam() {
        gradient.assign(source);
        fused.applyUpdater(gradient, 100, 1);
        return gradient;
    }

    @Benchmark
    public INDArray nd4jElementwiseAdam() {
        gradient.assign(source);
        elementwiseAdam(gradient, elementwiseState.getM(), elementwiseState.getV(), 100);
        return gradient;
    }

    /** DL4J's Adam step (t = iteration + 1) as in-place ND4J ops; the update replaces {@code g}. */
    static void elementwiseAdam(INDArray g, INDArray m, INDArray v, int iteration) {
        float beta1 = 0.9f;
        float beta2 = 0.999f;
        float epsilon = 1e-8f;
        int t = iteration + 1;
        float rateT = 1e-3f * (float) Math.sqrt(1f - (float) Math.pow(beta2, t)) / (1f - (float) Math.pow(beta1, t));
        long n = g.length();
        m.muli(beta1);
        Nd4j.getBlasWrapper().level1().axpy(n, 1f - beta1, g, m);   // m = b1*m + (1-b1)*g
        g.muli(g);                                                    // g = g^2
        v.muli(beta2);
        Nd4j.getBlasWrapper().level1().axpy(n, 1f - beta2, g, v);   // v = b2*v + (1-b2)*g^2
        Nd4j.exec(new Sqrt(v, g));                                    // g = sqrt(v)
        g.addi(epsilon).rdivi(m).muli(rateT);                         // g = rateT * m / (sqrt(v) + eps)
    }

    @Benchmark
    public INDArray onePassAdam() {
        gradient.assign(source);
        onePass.applyUpdater(gradient, 100, 1);
        return gradient;
    }
}
