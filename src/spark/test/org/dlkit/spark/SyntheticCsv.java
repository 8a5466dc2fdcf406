package org.dlkit.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A labelled CSV of Gaussian blobs, the same for the same arguments: {@code classes} centres drawn uniformly from
 * [-spread, spread]^features, each row a centre plus N(0, 1) noise per feature; rows cycle through the classes.
 * The smaller the spread, the more the classes overlap. {@code main} writes one for the benchmarks:
 * {@code SyntheticCsv OUT ROWS FEATURES CLASSES SEED SPREAD}.
 */
public final class SyntheticCsv {

    private SyntheticCsv() {
    }

    public static Path write(Path out, int rows, int features, int classes, long seed) throws IOException {
        return write(out, rows, features, classes, seed, 1.0);
    }

    public static Path write(Path out, int rows, int features, int classes, long seed, double spread)
            throws IOException {
        Random random = new Random(seed);
        double[][] centres = new double[classes][features];
        for (double[] centre : centres) {
            for (int j = 0; j < features; j++) {
                centre[j] = spread * (2 * random.nextDouble() - 1);
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < features; j++) {
                header.append('f').append(j).append(',');
            }
            w.write(header.append("label\n").toString());
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                row.setLength(0);
                int c = i % classes;
                for (int j = 0; j < features; j++) {
                    row.append(String.format(Locale.ROOT, "%.4f", centres[c][j] + random.nextGaussian())).append(',');
                }
                w.write(row.append("c").append(c).append('\n').toString());
            }
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Long.parseLong(args[4]), Double.parseDouble(args[5]));
    }
}
