package org.dlkit;

import org.dlkit.data.GradientDescent;
import org.dlkit.error.DlkitException;
import org.nd4j.linalg.learning.config.IUpdater;

/** The checks behind {@link Classifier.Builder}: each refuses a bad setting at the call, naming it. */
final class BuilderChecks {

    private BuilderChecks() {
    }

    /** {@code value}, or a DlkitException naming the setting and what it expects when it is null. */
    static <T> T given(T value, String setting, String expected) {
        if (value == null) {
            throw new DlkitException(setting + ": expected " + expected + ", got null");
        }
        return value;
    }

    /** A DlkitException with {@code message} unless {@code ok}. */
    static void require(boolean ok, String message) {
        if (!ok) {
            throw new DlkitException(message);
        }
    }

    /** {@code inputs}, unless it is not a positive number of features. */
    static int validInputs(int inputs) {
        require(inputs >= 1, "inputs " + inputs + " is invalid; expected a positive number of features");
        return inputs;
    }

    /** {@code classes}, unless there are fewer than 2. */
    static int validClasses(int classes) {
        require(classes >= 2, "classes " + classes + " is invalid; expected 2 or more");
        return classes;
    }

    /**
     * Refuses a batch size with batch or stochastic gradient descent, whose updates use all training rows or one
     * row: the size would be ignored.
     */
    static void batchSizeApplies(GradientDescent mode) {
        boolean batch = mode.equals(GradientDescent.BATCH);
        require(!batch && !mode.equals(GradientDescent.STOCHASTIC), "batchSize(...) applies to "
                + "gradientDescent(MINI_BATCH); " + mode.name() + " gradient descent uses "
                + (batch ? "all training rows" : "one row") + " per update, so leave batchSize(...) out");
    }

    /** Refuses early stopping ({@code patience} above 0) without a validation part to watch: it would be ignored. */
    static void patienceWatches(int patience, double validationFraction) {
        require(patience == 0 || validationFraction > 0, "patience(...) needs a validation part to watch; "
                + "validationFraction(0) turns early stopping off, so leave patience(...) out or give "
                + "validationFraction(...) above 0");
    }

    /**
     * A copy of {@code updater} with {@code learningRate} when one was set (null: the updater's own).
     *
     * @throws DlkitException when a learning rate was set but the updater has none ({@code NoOp})
     */
    static IUpdater withLearningRate(IUpdater updater, Double learningRate) {
        IUpdater optimiser = updater.clone();
        if (learningRate != null) {
            require(optimiser.hasLearningRate(), "learning rate " + learningRate + " was set, but the updater "
                    + optimiser.getClass().getSimpleName() + " has none; leave learningRate(...) out");
            optimiser.setLrAndSchedule(learningRate, null);
        }
        return optimiser;
    }
}
