package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.dlkit.error.Names;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Locale;
import java.util.Optional;

/**
 * How many examples each gradient-descent step sees (course cards 26–30).
 *
 * <ul>
 *   <li>{@link #BATCH}: all training data at once; one exact but expensive step per epoch.</li>
 *   <li>{@link #STOCHASTIC}: one random example at a time; the cheapest, noisiest step, many steps per epoch.</li>
 *   <li>{@link #MINI_BATCH} / {@link #miniBatch(int)}: the data split into batches of n, reshuffled every epoch; the
 *       usual compromise, since the whole set rarely fits the memory and compute budget of one step.</li>
 * </ul>
 *
 * Each mode becomes a DL4J {@link DataSetIterator} over data already in memory: one epoch visits every example
 * exactly once, and the order of epoch e depends only on the seed and e, so a resumed run sees the same batches.
 */
public final class GradientDescent {

    /** The default mini-batch size, as in Keras. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /** Batch gradient descent: the whole training set is one batch. */
    public static final GradientDescent BATCH = new GradientDescent("batch", 0, false);
    /** Stochastic gradient descent: batches of one example, reshuffled each epoch. */
    public static final GradientDescent STOCHASTIC = new GradientDescent("stochastic", 1, true);
    /** Mini-batch gradient descent with {@value #DEFAULT_BATCH_SIZE} examples per batch, reshuffled each epoch. */
    public static final GradientDescent MINI_BATCH = new GradientDescent("mini-batch", DEFAULT_BATCH_SIZE, true);

    private final String name;
    private final int batchSize;
    private final boolean shuffled;

    private GradientDescent(String name, int batchSize, boolean shuffled) {
        this.name = name;
        this.batchSize = batchSize;
        this.shuffled = shuffled;
    }

    /** Mini-batch gradient descent with {@code n} examples per batch. */
    public static GradientDescent miniBatch(int n) {
        if (n < 1) {
            throw new DlkitException("mini-batch size " + n + " is invalid; expected a positive integer");
        }
        return new GradientDescent("mini-batch", n, true);
    }

    /**
     * Looks a mode up by its name, ignoring case, spaces, '-' and '_': {@code batch} (or {@code full-batch}),
     * {@code stochastic} (or {@code sgd}), {@code mini-batch} (size {@code batchSize}).
     *
     * @throws DlkitException naming the valid names for any other name
     */
    public static GradientDescent byName(String mode, int batchSize) {
        String n = mode == null ? "" : Names.key(mode);
        return switch (n) {
            case "batch", "fullbatch" -> BATCH;
            case "stochastic", "sgd" -> STOCHASTIC;
            case "minibatch" -> miniBatch(batchSize);
            default -> throw new DlkitException("gradient-descent mode '" + mode
                    + "' is unknown; expected batch, stochastic or mini-batch (also: full-batch, sgd)");
        };
    }

    /** The batch size this mode uses for a training set of {@code examples} rows. */
    public int batchSize(int examples) {
        return batchSize == 0 ? examples : Math.min(batchSize, examples);
    }

    /** From this many training rows on, batch and stochastic gradient descent get a warning. */
    public static final int LARGE = 10_000;

    /**
     * What the course (cards 26–30) says against this mode for {@code examples} training rows: batch or stochastic
     * over {@value #LARGE}+ rows, or a mini-batch of at least all the rows (it is then batch gradient descent: one
     * update per epoch on every row); empty when nothing.
     */
    public Optional<String> warning(int examples) {
        String rows = String.format(Locale.ROOT, "%,d training rows", examples); // 5,000,000 whatever the locale
        if (batchSize == 0 && examples >= LARGE) {
            return Optional.of("batch gradient descent over " + rows + ": one expensive step per epoch, and "
                    + "the whole set must fit in memory, which is usually not possible (cards 26–30); use mini-batch");
        }
        if (batchSize == 1 && examples >= LARGE) {
            return Optional.of(String.format(Locale.ROOT, "stochastic gradient descent over %s: %,d one-example "
                    + "updates per epoch; training takes longer in general and can miss minima (cards 26–30); "
                    + "use mini-batch",
                    rows, examples));
        }
        if (batchSize > 1 && examples > 0 && batchSize >= examples) {
            return Optional.of("a mini-batch of " + batchSize + " over only " + rows + ": every update uses "
                    + "all of them, so this is batch gradient descent (cards 26–30)");
        }
        return Optional.empty();
    }

    /** Whether the examples are reshuffled every epoch. */
    public boolean shuffled() {
        return shuffled;
    }

    /** The iterator over {@code data} for this mode; {@code seed} fixes the shuffling. */
    public EpochIterator iterator(DataSet data, long seed) {
        return new EpochIterator(data, batchSize(data.numExamples()), shuffled, seed);
    }

    /** What the course says of this mode (cards 26–30). */
    public String reason() {
        if (batchSize == 0) {
            return "batch: all data at once for each step; exact gradients, but one expensive step per epoch and the "
                    + "whole set must fit in memory";
        }
        if (batchSize == 1) {
            return "stochastic: one random example per step; the cheapest step, but noisy, it can miss minima and "
                    + "training takes longer in general";
        }
        return "mini-batch: the whole set rarely fits one step's memory and compute; batches of " + batchSize
                + ", reshuffled every epoch, find a minimum quickly with less noise than stochastic";
    }

    /** "mini-batch (32)", "stochastic (1)" or "batch (all)". */
    @Override
    public String toString() {
        return name + (batchSize == 0 ? " (all)" : " (" + batchSize + ")");
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GradientDescent g && g.name.equals(name) && g.batchSize == batchSize;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + batchSize;
    }
}
