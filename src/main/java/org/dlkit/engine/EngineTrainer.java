package org.dlkit.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.data.EpochIterator;
import org.dlkit.error.DlkitException;
import org.dlkit.train.EpochRecord;
import org.dlkit.train.History;
import org.dlkit.train.TrainingObserver;
import org.dlkit.train.TrainingResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Locale;

/**
 * The fit loop of {@code --engine dlkit}: the same network (its seeded initial parameters are copied from the DL4J
 * network), the same batches in the same order (the pipeline's {@link EpochIterator}), the same history and early
 * stopping as DL4J's trainer, but every step on an engine {@link Device}. At the end the kept parameters are written
 * back into the DL4J network, which is saved and evaluated as usual.
 *
 * <p>Not here: DL4J listeners (diagnostics, live UI) and checkpoints, which observe DL4J's own fit loop; the loss is
 * checked for NaN or infinity once per epoch (per step would wait for the GPU at every step).
 */
public final class EngineTrainer {

    private final Device device;
    private final TrainingObserver observer;

    public EngineTrainer(Device device, TrainingObserver observer) {
        this.device = device;
        this.observer = observer;
    }

    /**
     * Trains {@code net} for at most {@code maxEpochs}, stopping early after {@code patience} epochs without a lower
     * validation loss (0: never) and keeping the best epoch's parameters as DL4J's trainer does.
     */
    public TrainingResult fit(MultiLayerNetwork net, EpochIterator batches, DataSet train, DataSet validation,
                              int maxEpochs, int patience) {
        EngineNetwork engine = new EngineNetwork(device, Dl4jMlp.of(net), batches.batch());
        History history = new History();
        int bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        double[][] best = null;
        int epoch = 0;
        Rows validationRows = Rows.of(validation);
        observer.trainingStarted(maxEpochs);
        try {
            while (epoch < maxEpochs && !(patience > 0 && bestEpoch > 0 && epoch - bestEpoch >= patience)) {
                batches.startEpoch(epoch);
                int examples = 0, correct = 0;
                while (batches.hasNext()) {
                    DataSet batch = batches.next();
                    int rows = batch.numExamples();
                    float[] labels = floats(batch.getLabels());
                    engine.load(floats(batch.getFeatures()), labels, rows);
                    engine.trainStep(rows);
                    correct += correct(engine.outputs(rows), labels, rows, engine.spec().outputs(), 0);
                    examples += rows;
                }
                epoch++;
                double trainLoss = engine.takeLossSum() / examples + engine.l2Penalty();
                if (!Double.isFinite(trainLoss)) {
                    throw new DlkitException(String.format("training diverged in epoch %d: the loss is %s — the "
                            + "learning rate is likely too high; lower it about 10x", epoch, trainLoss));
                }
                // loss and accuracy of the training pass itself (each batch scored before its update, as DL4J's
                // path and Keras report them), so no second pass over the training rows
                Measure onValidation = measure(engine, validationRows);
                EpochRecord record = new EpochRecord(epoch, trainLoss, (double) correct / examples,
                        onValidation.loss, onValidation.accuracy);
                history.add(record);
                if (record.hasValidation() && record.valLoss() < bestLoss) {
                    bestLoss = record.valLoss();
                    bestEpoch = epoch;
                    best = parameters(engine);
                }
                observer.epochFinished(record);
            }
        } finally {
            observer.trainingFinished();
        }
        boolean early = patience > 0 && bestEpoch > 0 && epoch - bestEpoch >= patience && epoch < maxEpochs;
        String reason = early
                ? String.format("early stopping: the validation loss has not improved for %d epochs since epoch %d",
                        patience, bestEpoch)
                : String.format("reached the maximum of %d epochs", maxEpochs);
        int kept = epoch;
        if (patience > 0 && best != null && bestEpoch != epoch) {
            for (int i = 0; i < engine.layers(); i++) {
                engine.setParameters(i, best[2 * i], best[2 * i + 1]);
            }
            kept = bestEpoch;
            reason += String.format(Locale.ROOT, "; kept the best epoch, %d (validation loss %.4f)", kept, bestLoss);
        }
        Dl4jMlp.copyInto(engine, net);
        net.getLayerWiseConfigurations().setEpochCount(epoch);
        observer.note(reason);
        return new TrainingResult(history, kept, reason, early, 0);
    }

    private record Measure(double loss, double accuracy) {
    }

    /** A data set's {@code n} rows of features x and labels y as row-major floats, converted once for all epochs. */
    private record Rows(float[] x, float[] y, int n) {
        /** null for null. */
        static Rows of(DataSet data) {
            return data == null ? null : new Rows(floats(data.getFeatures()), floats(data.getLabels()),
                    data.numExamples());
        }
    }

    /** Mean loss (+ L2 penalty) and accuracy on {@code data}, in chunks of the engine's batch; NaN for null. */
    private static Measure measure(EngineNetwork engine, Rows data) {
        if (data == null) {
            return new Measure(Double.NaN, Double.NaN);
        }
        float[] x = data.x(), y = data.y();
        int n = data.n(), in = engine.spec().inputs(), out = engine.spec().outputs();
        engine.takeLossSum();
        int correct = 0;
        for (int start = 0; start < n; start += engine.maxBatch()) {
            int rows = Math.min(engine.maxBatch(), n - start);
            engine.load(java.util.Arrays.copyOfRange(x, start * in, (start + rows) * in),
                    java.util.Arrays.copyOfRange(y, start * out, (start + rows) * out), rows);
            engine.forward(rows, true);
            correct += correct(engine.outputs(rows), y, rows, out, start);
        }
        return new Measure(engine.takeLossSum() / n + engine.l2Penalty(), (double) correct / n);
    }

    /** How many of {@code rows} predicted rows {@code p} pick the labelled class of rows {@code first}... of y. */
    private static int correct(double[] p, float[] y, int rows, int out, int first) {
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            if (argMax(p, r * out, out) == argMax(y, (first + r) * out, out)) {
                correct++;
            }
        }
        return correct;
    }

    private static double[][] parameters(EngineNetwork engine) {
        double[][] p = new double[2 * engine.layers()][];
        for (int i = 0; i < engine.layers(); i++) {
            p[2 * i] = engine.weights(i);
            p[2 * i + 1] = engine.bias(i);
        }
        return p;
    }

    static int argMax(double[] v, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (v[from + j] > v[from + best]) {
                best = j;
            }
        }
        return best;
    }

    static int argMax(float[] v, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (v[from + j] > v[from + best]) {
                best = j;
            }
        }
        return best;
    }

    /** Row-major floats of a 2-D array. */
    static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
