package org.dlkit.backend;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.activation.ActivationRule;
import org.dlkit.network.NetworkSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * What a BLAS must not change: the loss and gradient of a seeded fp32 MLP (200-128-64-10, batch 96, ReLU, softmax) at
 * its initial parameters, and the losses of 15 Adam steps. {@link #main} computes them in a child JVM (with
 * {@code -Ddlkit.blas=bundled} for ND4J's bundled OpenBLAS) and writes them to a file.
 *
 * @param library  the OpenBLAS that computed them
 * @param loss     the mean loss at the initial parameters
 * @param gradient the flat gradient of the summed loss at the initial parameters
 * @param losses   the loss after each of 15 Adam steps
 */
record BlasResults(String library, double loss, float[] gradient, double[] losses) {

    static BlasResults compute() {
        OpenBlas.Status status = OpenBlas.preload();
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, 96, 200);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 96, 10);
        for (int row = 0; row < 96; row++) {
            y.putScalar(row, (row * 7) % 10, 1f);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkSpec.of(200, new int[] {128, 64}, 10,
                ActivationRule.ruleOfThumb(), null, new Adam(1e-3), 0, 42, DataType.FLOAT).toConfiguration());
        net.init();
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        double loss = net.score();
        float[] gradient = net.gradient().gradient().dup().toFloatVector();
        List<Double> losses = new ArrayList<>();
        DataSet batch = new DataSet(x, y);
        for (int step = 0; step < 15; step++) {
            net.fit(batch);
            losses.add(net.score());
        }
        return new BlasResults(status.library(), loss, gradient,
                losses.stream().mapToDouble(Double::doubleValue).toArray());
    }

    void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeUTF(library);
            out.writeDouble(loss);
            out.writeInt(gradient.length);
            for (float g : gradient) {
                out.writeFloat(g);
            }
            out.writeInt(losses.length);
            for (double l : losses) {
                out.writeDouble(l);
            }
        }
    }

    static BlasResults read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            String library = in.readUTF();
            double loss = in.readDouble();
            float[] gradient = new float[in.readInt()];
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = in.readFloat();
            }
            double[] losses = new double[in.readInt()];
            for (int i = 0; i < losses.length; i++) {
                losses[i] = in.readDouble();
            }
            return new BlasResults(library, loss, gradient, losses);
        }
    }

    /** {@code BlasResults FILE}: computes the results with the BLAS this JVM loads and writes them to FILE. */
    public static void main(String[] args) throws IOException {
        compute().write(Path.of(args[0]));
    }
}
