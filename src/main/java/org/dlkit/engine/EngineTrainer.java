package org.dlkit.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.data.EpochIterator;
import org.dlkit.supervise.Diagnostics;
import org.dlkit.train.EpochRunner;
import org.dlkit.train.Trainer;
import org.dlkit.train.TrainingObserver;
import org.nd4j.linalg.dataset.DataSet;

import java.util.OptionalInt;

/**
 * dlkit's engine as the {@link Trainer}'s epoch runner: the same network (its seeded initial parameters, or a
 * checkpoint's, are read from the DL4J network), the same batches in the same order (the pipeline's
 * {@link EpochIterator}), every step on an engine {@link Device}. Everything around the epochs is the
 * {@link Trainer}'s, shared with DL4J's fit loop: the history, validation, early stopping, checkpoints, resume and
 * the divergence stop.
 *
 * <p>After each epoch the engine's parameters are written into the DL4J network ({@link Dl4jState}), which the
 * Trainer validates and keeps; before a checkpoint also the optimiser state (Adam's m, v and t), and all of it is read
 * back, so that a run resumed from a checkpoint continues exactly as the uninterrupted one; at the end of the run the
 * optimiser state too, so the saved model holds it as after DL4J's loop. The {@link Diagnostics} are fed from the engine's own
 * matrices every {@code every} iterations. The loss is checked for NaN or infinity after every step on the CPU, once
 * per epoch on the GPU (per step would wait for the GPU at every step).
 */
public final class EngineTrainer implements EpochRunner {

    private final Device device;
    private final Diagnostics diagnostics;
    private final boolean checkEveryStep;

    /**
     * Trains on {@code device}, feeding {@code diagnostics} (null: none); {@code checkEveryStep} checks the loss
     * after each step (else after each epoch).
     */
    public EngineTrainer(Device device, Diagnostics diagnostics, boolean checkEveryStep) {
        this.device = device;
        this.diagnostics = diagnostics;
        this.checkEveryStep = checkEveryStep;
    }

    @Override
    public Session start(MultiLayerNetwork net, EpochIterator batches, TrainingObserver observer) {
        EngineNetwork engine = new EngineNetwork(device, Dl4jMlp.of(net), batches.batch());
        Dl4jState.load(net, engine);
        return new EngineSession(net, engine, batches);
    }

    @Override
    public String toString() {
        return "dlkit's engine on " + device.description();
    }

    /** One run: the engine network and the DL4J network it reports into. */
    private final class EngineSession implements Session {

        private final MultiLayerNetwork net;
        private final EngineNetwork engine;
        private final EpochIterator batches;
        private double accuracy = Double.NaN;
        private double lastLoss = Double.NaN;
        private OptionalInt divergedAt = OptionalInt.empty();
        /** The validation rows as row-major floats, and the data set they came from. */
        private EpochIterator.RowMajor validationRows;
        private DataSet validationSource;

        EngineSession(MultiLayerNetwork net, EngineNetwork engine, EpochIterator batches) {
            this.net = net;
            this.engine = engine;
            this.batches = batches;
        }

        @Override
        public double runEpoch() {
            int epoch = net.getEpochCount();
            int iteration = net.getIterationCount();
            batches.startEpoch(epoch);
            engine.takeLossSum();
            double lossSum = 0;
            // Σ rows·½λ₂‖W‖² of the weights each batch saw: DL4J's score of a batch includes the penalty before its
            // update (0 without L2; with it, one norm per layer and step)
            double penaltySum = 0;
            int examples = 0, correct = 0;
            // the rows as floats once for the whole run, each batch gathered from them (no ND4J op per batch)
            EpochIterator.RowMajor data = batches.getPreProcessor() == null ? batches.rowMajor() : null;
            while (batches.hasNext()) {
                float[] labels;
                int rows;
                if (data != null) {
                    int[] picked = batches.nextRows();
                    rows = picked.length;
                    labels = engine.loadRows(data.features(), data.labels(), picked);
                } else {
                    DataSet batch = batches.nextReusing(); // converted to floats before the next one
                    EpochIterator.RowMajor converted = EpochIterator.RowMajor.of(batch);
                    rows = batch.numExamples();
                    labels = converted.labels();
                    engine.load(converted.features(), labels, rows);
                }
                engine.forward(rows, true);
                engine.backward(rows);
                // loss and accuracy of the training pass itself (each batch scored before its update, as DL4J's
                // path and Keras report them), so no second pass over the training rows
                correct += correct(engine.outputs(rows), labels, rows, engine.spec().outputs());
                penaltySum += rows * engine.l2Penalty();
                if (diagnostics != null && diagnostics.due(iteration)) {
                    stepWatched(iteration, epoch, rows);
                } else {
                    engine.step();
                }
                examples += rows;
                if (checkEveryStep) {
                    lossSum += engine.takeLossSum();
                    if (!Double.isFinite(lossSum)) {
                        divergedAt = OptionalInt.of(iteration);
                        lastLoss = lossSum;
                        return lossSum;
                    }
                }
                iteration++;
            }
            if (!checkEveryStep) {
                lossSum = engine.takeLossSum();
            }
            double loss = (lossSum + penaltySum) / examples;
            accuracy = (double) correct / examples;
            if (Double.isFinite(loss)) {
                Dl4jState.storeParameters(engine, net); // what the Trainer validates and keeps
            }
            lastLoss = loss;
            return loss;
        }

        /** The optimiser state too, read back so that the engine continues from exactly what the checkpoint holds. */
        @Override
        public void beforeCheckpoint() {
            Dl4jState.store(engine, net);
            Dl4jState.load(net, engine);
        }

        /** The step of a checked iteration: the diagnostics' measurements around {@link EngineNetwork#step()}. */
        private void stepWatched(int iteration, int epoch, int rows) {
            int layers = engine.layers();
            for (int i = 0; i + 1 < layers; i++) {
                diagnostics.outputs(net, i, toFloats(engine.activations(i, rows)), rows);
            }
            for (int i = 0; i < layers; i++) {
                diagnostics.gradient(net, i, engine.lossWeightGradientNorm(i), engine.weightNorm(i));
            }
            engine.rememberWeights();
            engine.step();
            double[] updates = new double[layers];
            for (int i = 0; i < layers; i++) {
                updates[i] = engine.weightChange(i);
            }
            diagnostics.checked(net, iteration, epoch, updates);
        }

        /** On the engine, in chunks of its batch; the validation rows are converted to floats once per run. */
        @Override
        public double[] validate(DataSet data) {
            if (data == null || data.getFeaturesMaskArray() != null || data.getLabelsMaskArray() != null) {
                return null;
            }
            if (validationRows == null || validationSource != data) {
                validationSource = data;
                validationRows = EpochIterator.RowMajor.of(data);
            }
            float[] x = validationRows.features(), y = validationRows.labels();
            int n = data.numExamples(), out = engine.spec().outputs();
            int[] rows = new int[engine.maxBatch()];
            engine.takeLossSum();
            int correct = 0;
            for (int start = 0; start < n; start += rows.length) {
                int count = Math.min(rows.length, n - start);
                int[] chunk = count == rows.length ? rows : new int[count];
                for (int r = 0; r < count; r++) {
                    chunk[r] = start + r;
                }
                float[] labels = engine.loadRows(x, y, chunk);
                engine.forward(count, true);
                correct += correct(engine.outputs(count), labels, count, out);
            }
            return new double[] {engine.takeLossSum() / n + engine.l2Penalty(), (double) correct / n};
        }

        @Override
        public double trainAccuracy() {
            return accuracy;
        }

        @Override
        public OptionalInt divergedAt() {
            return divergedAt;
        }

        /** Leaves the optimiser state in the network too, as DL4J's loop does (the saved model.zip holds it). */
        @Override
        public void close() {
            if (Double.isFinite(lastLoss)) {
                Dl4jState.store(engine, net);
            }
        }
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** How many of {@code rows} predicted rows {@code p} pick the labelled class of y. */
    private static int correct(double[] p, float[] y, int rows, int out) {
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            if (argMax(p, r * out, out) == argMax(y, r * out, out)) {
                correct++;
            }
        }
        return correct;
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
}
