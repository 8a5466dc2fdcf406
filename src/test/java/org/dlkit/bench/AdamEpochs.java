package org.dlkit.bench;

import org.dlkit.backend.OpenBlas;
import org.dlkit.backend.Throughput;
import org.dlkit.train.OnePassAdam;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Epoch CPU time of plain DL4J fit loops on the standard MLP 784-512-256-10 (56 random batches of 128, fp32, one
 * thread): SGD, Adam with DL4J's fused op, and Adam with {@link OnePassAdam} installed, interleaved epoch by epoch in
 * one JVM so that a change in the machine's load moves all three; the first epoch is left out. Not run by
 * {@code mvn test}. Run from the repository root (after the classpath step of {@link AdamBenchmarks}):
 * <pre>
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 \
 *     java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.dlkit.bench.AdamEpochs
 * </pre>
 */
public final class AdamEpochs {

    private AdamEpochs() {
    }

    public static void main(String[] args) {
        OpenBlas.preload();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Nd4j.getRandom().setSeed(1);
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < 56; b++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 128, 784);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 128, 10);
            for (int i = 0; i < 128; i++) {
                y.putScalar(i, (i * 3 + b) % 10, 1.0);
            }
            batches.add(new DataSet(x, y));
        }
        String[] names = {"sgd", "adam-fused", "adam-onepass"};
        MultiLayerNetwork[] nets = {network(new Sgd(1e-2)), network(new Adam(1e-3)), network(new Adam(1e-3))};
        OnePassAdam.install(nets[2]);
        double[][] seconds = new double[3][11];
        for (int epoch = 0; epoch < 11; epoch++) {
            for (int k = 0; k < 3; k++) {
                long start = threads.getCurrentThreadCpuTime();
                for (DataSet batch : batches) {
                    nets[k].fit(batch);
                }
                seconds[k][epoch] = (threads.getCurrentThreadCpuTime() - start) / 1e9;
            }
        }
        for (int k = 0; k < 3; k++) {
            double[] measured = Arrays.copyOfRange(seconds[k], 1, 11);
            double[] sorted = measured.clone();
            Arrays.sort(sorted);
            StringBuilder line = new StringBuilder(String.format("%-13s median %.3f s  epochs 2-11:", names[k],
                    (sorted[4] + sorted[5]) / 2));
            for (double s : measured) {
                line.append(String.format(" %.3f", s));
            }
            System.out.println(line);
        }
        INDArray fused = nets[1].params();
        System.out.println("max |fused - one-pass| / max |fused| over the parameters: "
                + fused.sub(nets[2].params()).amaxNumber().doubleValue() / fused.amaxNumber().doubleValue());
    }

    private static MultiLayerNetwork network(IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(Throughput.standardSpec(updater, 42).toConfiguration());
        net.init();
        return net;
    }
}
