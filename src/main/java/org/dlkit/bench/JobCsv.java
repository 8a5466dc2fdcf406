package org.dlkit.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The benchmark's job: a numeric CSV shaped like MNIST (784 pixel columns {@code p0..p783} with integer values 0–255,
 * about 84% of them 0, then a {@code label} column with 10 classes), seeded. Each class lights a tenth of the pixels
 * twice as often as the rest, so the network has something to learn, and 10% of the labels are random, so it never
 * learns all of it; 10,000 rows make about 18 MB.
 */
final class JobCsv {

    static final int FEATURES = 784;
    static final int CLASSES = 10;
    static final String LABEL = "label";
    /** Share of rows whose label is drawn at random: like real labels, the loss never reaches 0. */
    static final double LABEL_NOISE = 0.1;

    private JobCsv() {
    }

    /** Writes {@code rows} rows to {@code file} from {@code seed}; returns the file. */
    static Path write(Path file, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] lit = new double[CLASSES][FEATURES];
        for (double[] pattern : lit) {
            for (int j = 0; j < FEATURES; j++) {
                pattern[j] = random.nextDouble() < 0.1 ? 0.3 : 0.15;
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(4 * FEATURES);
            for (int j = 0; j < FEATURES; j++) {
                line.append('p').append(j).append(',');
            }
            out.write(line.append(LABEL).append('\n').toString());
            for (int row = 0; row < rows; row++) {
                int drawn = random.nextInt(CLASSES);
                line.setLength(0);
                for (int j = 0; j < FEATURES; j++) {
                    line.append(random.nextDouble() < lit[drawn][j] ? 1 + random.nextInt(255) : 0).append(',');
                }
                int label = random.nextDouble() < LABEL_NOISE ? random.nextInt(CLASSES) : drawn;
                out.write(line.append(label).append('\n').toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the benchmark CSV " + file, e);
        }
        return file;
    }
}
