package org.dlkit;

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
