package org.dlkit.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dlkit.backend.OpenBlas;
import org.dlkit.backend.Throughput;
import org.dlkit.data.EpochIterator;
import org.dlkit.data.GradientDescent;
import org.dlkit.supervise.Diagnostics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Attributes the cost of the {@link Trainer}'s supervision, feature by feature: the standard MLP (SGD, batch 128,
 * 6,400 training rows, 1,600 validation rows, random data) trained by a plain DL4J loop over pre-built batches and by
 * variants that add one feature each, interleaved epoch by epoch in one JVM; CPU time of this thread per epoch, medians
 * of epochs 2 to N (default 9). Not run by {@code mvn test}. Run from the repository root:
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 \
 *     java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.dlkit.train.WrapperCosts [epochs]
 * </pre>
 */
public final class WrapperCosts {

    private WrapperCosts() {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        OpenBlas.preload();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Nd4j.getRandom().setSeed(1);
        DataSet train = data(6400, 0);
        DataSet validation = data(1600, 1);
        List<DataSet> prebuilt = train.batchBy(128);
        EpochIterator iterator = GradientDescent.miniBatch(128).iterator(train, 7);

        List<String> names = new ArrayList<>();
        List<Consumer<MultiLayerNetwork>> epochOf = new ArrayList<>();
        List<MultiLayerNetwork> nets = new ArrayList<>();
        Consumer<MultiLayerNetwork> plain = net -> prebuilt.forEach(net::fit);
        add(names, epochOf, nets, "plain fit over pre-built batches", plain, List.of());
        add(names, epochOf, nets, "+ EpochIterator batches (shuffled)", net -> {
            iterator.startEpoch(net.getEpochCount());
            while (iterator.hasNext()) {
                net.fit(iterator.next());
            }
            net.incrementEpochCount();
        }, List.of());
        add(names, epochOf, nets, "+ EpochIterator.nextReusing batches", net -> {
            iterator.startEpoch(net.getEpochCount());
            while (iterator.hasNext()) {
                net.fit(iterator.nextReusing());
            }
            net.incrementEpochCount();
        }, List.of());
        add(names, epochOf, nets, "+ per-step net.score() check", net -> {
            for (DataSet b : prebuilt) {
                net.fit(b);
                if (!Double.isFinite(net.score())) {
                    throw new IllegalStateException();
                }
            }
        }, List.of());
        add(names, epochOf, nets, "+ an empty listener", plain,
                List.of(new org.deeplearning4j.optimize.api.BaseTrainingListener() { }));
        add(names, epochOf, nets, "+ BatchAccuracy listener", plain, List.of(new BatchAccuracy()));
        add(names, epochOf, nets, "+ Diagnostics every 10", plain, List.of(new Diagnostics(w -> { })));
        add(names, epochOf, nets, "+ validation: score + output (2 passes)", net -> {
            plain.accept(net);
            sink += net.score(validation, false) + Trainer.accuracy(net, validation);
        }, List.of());
        add(names, epochOf, nets, "+ validation: Trainer's pass", net -> {
            plain.accept(net);
            sink += Trainer.validation(net, validation)[0];
        }, List.of());
        add(names, epochOf, nets, "+ params NaN check per epoch", net -> {
            plain.accept(net);
            sink += net.params().sumNumber().doubleValue();
        }, List.of());
        add(names, epochOf, nets, "Trainer.fit, Diagnostics, validation", net -> new Trainer(TrainingObserver.SILENT)
                .fit(net, iterator, train, validation, new TrainingPlan(net.getEpochCount() + 1, 5, null, false,
                        List.of(new Diagnostics(w -> { })))), List.of());

        double[][] seconds = new double[names.size()][epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int k = 0; k < names.size(); k++) {
                long start = threads.getCurrentThreadCpuTime();
                epochOf.get(k).accept(nets.get(k));
                Nd4j.getExecutioner().commit();
                seconds[k][epoch] = (threads.getCurrentThreadCpuTime() - start) / 1e9;
            }
        }
        double base = median(Arrays.copyOfRange(seconds[0], 1, epochs));
        for (int k = 0; k < names.size(); k++) {
            double m = median(Arrays.copyOfRange(seconds[k], 1, epochs));
            System.out.printf("%-42s median %.4f s  %+6.1f%%  (%+.1f ms)%n", names.get(k), m, 100 * (m / base - 1),
                    1000 * (m - base));
        }
        System.out.println("(sink " + sink + ")");
    }

    private static double sink;

    private static void add(List<String> names, List<Consumer<MultiLayerNetwork>> epochOf, List<MultiLayerNetwork> nets,
                            String name, Consumer<MultiLayerNetwork> epoch, List<TrainingListener> listeners) {
        MultiLayerNetwork net = new MultiLayerNetwork(Throughput.standardSpec(new Sgd(0.01), 42).toConfiguration());
        net.init();
        net.setListeners(listeners);
        names.add(name);
        epochOf.add(epoch);
        nets.add(net);
    }

    private static DataSet data(int rows, int salt) {
        INDArray x = Nd4j.rand(DataType.FLOAT, rows, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 10);
        for (int i = 0; i < rows; i++) {
            y.putScalar(i, (i * 7 + salt + (x.getDouble(i, 3) > 0.5 ? 1 : 0)) % 10, 1.0);
        }
        return new DataSet(x, y);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
