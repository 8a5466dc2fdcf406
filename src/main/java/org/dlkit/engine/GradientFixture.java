package org.dlkit.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One mini-batch's gradient as DL4J and the scalar autodiff engine computed it on the build machine, with the network
 * and the batch: the GPU check compares the CUDA device with these where no DL4J can run (the GPU machine's bundle
 * has no ND4J). Written with {@link DataOutputStream}; gradients flat in DL4J's layout.
 *
 * @param spec     the network with its parameters
 * @param rows     examples in the batch
 * @param features row-major [rows × inputs]
 * @param labels   row-major [rows × outputs]
 * @param dl4j     DL4J's gradient of the objective (mean loss + ½λ₂‖W‖²)
 * @param autodiff the scalar autodiff engine's gradient of the same objective
 */
public record GradientFixture(MlpSpec spec, int rows, double[] features, double[] labels, double[] dl4j,
                              double[] autodiff) {

    private static final int MAGIC = 0x646c6b68; // "dlkh": the format with the optimiser

    /** Writes the fixture to {@code file}, creating its folder. */
    public void write(Path file) throws IOException {
        writeFile(file, MAGIC, out -> {
            writeSpec(out, spec);
            out.writeInt(rows);
            doubles(out, features);
            doubles(out, labels);
            doubles(out, dl4j);
            doubles(out, autodiff);
        });
    }

    /** Reads a fixture that {@link #write} wrote. */
    public static GradientFixture read(Path file) throws IOException {
        return readFile(file, MAGIC, "gradient", in -> new GradientFixture(readSpec(in), in.readInt(), doubles(in),
                doubles(in), doubles(in), doubles(in)));
    }

    /** What follows a fixture file's magic number. */
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads what follows a fixture file's magic number. */
    interface Parser<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** The fixtures' file format (the training fixture's too): {@code magic}, then {@code body}; makes the folder. */
    static void writeFile(Path file, int magic, Body body) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(magic);
            body.write(out);
        }
    }

    /** Reads what {@link #writeFile} wrote with {@code magic}; another file is refused naming {@code what}. */
    static <T> T readFile(Path file, int magic, String what, Parser<T> parser) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != magic) {
                throw new IOException(file + " is not a dlkit " + what + " fixture");
            }
            return parser.read(in);
        }
    }

    /** The network: layers with their parameters, loss, L2 and optimiser (for the training fixture too). */
    static void writeSpec(DataOutputStream out, MlpSpec spec) throws IOException {
        out.writeInt(spec.layers().size());
        for (MlpSpec.Layer l : spec.layers()) {
            out.writeInt(l.nIn());
            out.writeInt(l.nOut());
            out.writeUTF(l.f().name());
            out.writeDouble(l.alpha());
            doubles(out, l.weights());
            doubles(out, l.bias());
        }
        out.writeUTF(spec.loss().name());
        out.writeDouble(spec.l2());
        Optimizer o = spec.optimizer();
        out.writeBoolean(o.adam());
        for (double v : new double[]{o.rate(), o.beta1(), o.beta2(), o.epsilon()}) {
            out.writeDouble(v);
        }
    }

    static MlpSpec readSpec(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<MlpSpec.Layer> layers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int nIn = in.readInt(), nOut = in.readInt();
            Nonlinearity f = Nonlinearity.valueOf(in.readUTF());
            double alpha = in.readDouble();
            layers.add(new MlpSpec.Layer(nIn, nOut, f, alpha, doubles(in), doubles(in)));
        }
        OutputLoss loss = OutputLoss.valueOf(in.readUTF());
        double l2 = in.readDouble();
        Optimizer optimizer = new Optimizer(in.readBoolean(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble());
        return new MlpSpec(layers, loss, l2, optimizer);
    }

    static void doubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static double[] doubles(DataInputStream in) throws IOException {
        double[] v = new double[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }
}
