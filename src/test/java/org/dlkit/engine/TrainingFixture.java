package org.dlkit.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A real dataset's training run for the GPU check, where no ND4J runs: the bundled digits table as dlkit's pipeline
 * split and standardised it on the build machine, the network with DL4J's seeded initial weights, and what DL4J's own
 * training reached there (on the CPU, in float) on the same batches: each epoch's test loss and the final test
 * accuracy. {@link #run} trains the same network on the same batches on any engine device. Written by
 * TrainingFixtureTest; read by the CUDA tests.
 *
 * @param batch        rows per mini-batch; the training rows are taken in order, the last batch may be smaller
 * @param dl4jTestLoss DL4J's objective on the test rows after each epoch (mean loss + ½λ₂‖W‖²)
 */
public record TrainingFixture(MlpSpec spec, int batch, int epochs, int trainRows, double[] trainX, double[] trainY,
                              int testRows, double[] testX, double[] testY, double[] dl4jTestLoss,
                              double dl4jAccuracy) {

    private static final int MAGIC = 0x646c6b74; // "dlkt"

    /** A run on one device: the objective on the test rows after each epoch, and the final test accuracy. */
    public record Run(double[] testLoss, double accuracy) { }

    /** Trains {@link #epochs} epochs on {@code device} from the fixture's initial weights, measuring after each. */
    public Run run(Device device) {
        EngineNetwork net = new EngineNetwork(device, spec, batch);
        double[] losses = new double[epochs];
        double accuracy = 0;
        for (int e = 0; e < epochs; e++) {
            for (int start = 0; start < trainRows; start += batch) {
                int rows = load(net, trainX, trainY, start, Math.min(batch, trainRows - start));
                net.trainStep(rows);
            }
            net.takeLossSum(); // the training batches' losses; the test rows' follow
            int correct = 0;
            for (int start = 0; start < testRows; start += batch) {
                int rows = load(net, testX, testY, start, Math.min(batch, testRows - start));
                net.forward(rows, true);
                correct += correct(net.outputs(rows), testY, start, rows);
            }
            losses[e] = net.takeLossSum() / testRows + net.l2Penalty();
            accuracy = correct / (double) testRows;
        }
        return new Run(losses, accuracy);
    }

    private int load(EngineNetwork net, double[] x, double[] y, int start, int rows) {
        int in = spec.inputs(), out = spec.outputs();
        net.load(Arrays.copyOfRange(x, start * in, (start + rows) * in),
                Arrays.copyOfRange(y, start * out, (start + rows) * out), rows);
        return rows;
    }

    /** Rows of {@code probabilities} whose largest entry is the one-hot label's class. */
    private int correct(double[] probabilities, double[] y, int start, int rows) {
        int out = spec.outputs(), correct = 0;
        for (int r = 0; r < rows; r++) {
            int best = 0, label = 0;
            for (int j = 1; j < out; j++) {
                best = probabilities[r * out + j] > probabilities[r * out + best] ? j : best;
                label = y[(start + r) * out + j] > y[(start + r) * out + label] ? j : label;
            }
            correct += best == label ? 1 : 0;
        }
        return correct;
    }

    /** Writes the fixture to {@code file}, creating its folder. */
    public void write(Path file) throws IOException {
        GradientFixture.writeFile(file, MAGIC, out -> {
            GradientFixture.writeSpec(out, spec);
            out.writeInt(batch);
            out.writeInt(epochs);
            out.writeInt(trainRows);
            GradientFixture.doubles(out, trainX);
            GradientFixture.doubles(out, trainY);
            out.writeInt(testRows);
            GradientFixture.doubles(out, testX);
            GradientFixture.doubles(out, testY);
            GradientFixture.doubles(out, dl4jTestLoss);
            out.writeDouble(dl4jAccuracy);
        });
    }

    /** Reads a fixture that {@link #write} wrote. */
    public static TrainingFixture read(Path file) throws IOException {
        return GradientFixture.readFile(file, MAGIC, "training", in -> {
            MlpSpec spec = GradientFixture.readSpec(in);
            int batch = in.readInt(), epochs = in.readInt(), trainRows = in.readInt();
            double[] trainX = GradientFixture.doubles(in), trainY = GradientFixture.doubles(in);
            int testRows = in.readInt();
            double[] testX = GradientFixture.doubles(in), testY = GradientFixture.doubles(in);
            return new TrainingFixture(spec, batch, epochs, trainRows, trainX, trainY, testRows, testX, testY,
                    GradientFixture.doubles(in), in.readDouble());
        });
    }
}
