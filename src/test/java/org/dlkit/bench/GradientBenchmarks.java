package org.dlkit.bench;

import org.dlkit.autodiff.Tensor;
import org.dlkit.gradcheck.AutodiffNetwork;
import org.dlkit.gradcheck.CheckBatch;
import org.dlkit.gradcheck.CheckNetwork;
import org.dlkit.gradcheck.FiniteDifferenceSource;
import org.dlkit.gradcheck.GradientCheck;
import org.dlkit.gradcheck.GradientCheckOptions;
import org.dlkit.gradcheck.GradientCheckReport;
import org.dlkit.gradcheck.NetworkGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Speed of the gradient check (targets from issue 4): the full three-way check of a 4-16-16-3 MLP at mini-batch 5
 * (≤ 100 ms after warm-up) and the autodiff gradient of a 784-512-256-10 MLP at batch 128 (≤ 1 s).
 *
 * <p>Not run by {@code mvn test}. Run from the repository root:
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * OMP_NUM_THREADS=1 java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     org.openjdk.jmh.Main 'org.dlkit.bench.GradientBenchmarks' -rf text
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class GradientBenchmarks {

    /** The 4-16-16-3 tanh / softmax + MCXENT net with L2, and a mini-batch of 5. */
    @State(Scope.Benchmark)
    public static class SmallNetwork {
        MultiLayerNetwork net;
        INDArray features;
        INDArray labels;

        @Setup(Level.Trial)
        public void setUp() {
            net = CheckNetwork.builder().inputs(4).hidden(16, 16).outputs(3).activation(Activation.TANH)
                    .loss(LossFunction.MCXENT).l2(1e-3).seed(1).build();
            DataSet batch = CheckBatch.random(net, 5, 1);
            features = batch.getFeatures();
            labels = batch.getLabels();
        }
    }

    /** The MNIST-sized 784-512-256-10 ReLU / softmax + MCXENT net (He init), translated once, and a batch of 128. */
    @State(Scope.Benchmark)
    public static class MnistSizedNetwork {
        AutodiffNetwork autodiff;
        Tensor features;
        Tensor labels;

        @Setup(Level.Trial)
        public void setUp() {
            MultiLayerNetwork net = CheckNetwork.builder().inputs(784).hidden(512, 256).outputs(10)
                    .activation(Activation.RELU).loss(LossFunction.MCXENT).weightInit(WeightInit.RELU).seed(2).build();
            autodiff = AutodiffNetwork.of(net);
            Random random = new Random(2);
            double[][] x = new double[128][784];
            double[][] y = new double[128][10];
            for (int r = 0; r < 128; r++) {
                for (int c = 0; c < 784; c++) {
                    x[r][c] = random.nextDouble(); // pixel intensities in [0, 1)
                }
                y[r][random.nextInt(10)] = 1;
            }
            features = Tensor.of(x);
            labels = Tensor.of(y);
        }
    }

    @Benchmark
    public GradientCheckReport threeWayCheck4x16x16x3Batch5(SmallNetwork s) {
        return GradientCheck.of(s.net, s.features, s.labels);
    }

    /** The same check with finite differences of DL4J's score (GradientCheckUtil style): 806 DL4J forward passes. */
    @Benchmark
    public GradientCheckReport threeWayCheck4x16x16x3Batch5FdOfDl4jScore(SmallNetwork s) {
        return GradientCheck.of(s.net, s.features, s.labels,
                GradientCheckOptions.defaults().withFiniteDifferenceSource(FiniteDifferenceSource.DL4J_SCORE));
    }

    @Benchmark
    public NetworkGradient autodiffGradient784x512x256x10Batch128(MnistSizedNetwork s) {
        return s.autodiff.gradient(s.features, s.labels);
    }
}
