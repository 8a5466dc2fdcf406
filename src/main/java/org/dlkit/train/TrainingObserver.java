package org.dlkit.train;

/** Hears about a training run as it happens; the CLI prints from these, the Java API is silent by default. */
public interface TrainingObserver {

    /** Does nothing. */
    TrainingObserver SILENT = new TrainingObserver() { };

    /** A pipeline stage begins; {@code detail} says what it does with this run's data and settings. */
    default void stage(PipelineStage stage, String detail) {
    }

    /** A choice the course's rules discourage, with the reason; training goes on. */
    default void warning(String message) {
    }

    /** Training is about to run {@code epochs} epochs. */
    default void trainingStarted(int epochs) {
    }

    /** Epoch {@code epoch} (1-based) finished with mean training loss {@code loss}. */
    default void epochFinished(int epoch, double loss) {
    }

    /** Training ended (normally or not). */
    default void trainingFinished() {
    }
}
