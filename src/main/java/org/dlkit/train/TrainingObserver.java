package org.dlkit.train;

/** Hears about a training run as it happens; the CLI prints from these, the Java API is silent by default. */
public interface TrainingObserver {

    /** Does nothing. */
    TrainingObserver SILENT = new TrainingObserver() { };

    /** A pipeline stage begins; {@code detail} says what it does with this run's data and settings. */
    default void stage(PipelineStage stage, String detail) {
    }

    /**
     * A choice the course's rules discourage, or a failure mode the diagnostics see while training (dead ReLUs,
     * vanishing gradients, ...), with the reason and the course's fix; training goes on.
     */
    default void warning(String message) {
    }

    /** Something worth a line that is neither a stage nor a warning: a resume, why training stopped. */
    default void note(String message) {
    }

    /** Training is about to run at most {@code epochs} epochs. */
    default void trainingStarted(int epochs) {
    }

    /** Epoch {@code epoch} (1-based) finished with mean training loss {@code loss}. */
    default void epochFinished(int epoch, double loss) {
    }

    /** An epoch finished; by default passes its number and training loss to {@link #epochFinished(int, double)}. */
    default void epochFinished(EpochRecord record) {
        epochFinished(record.epoch(), record.trainLoss());
    }

    /**
     * The training pass of epoch {@code epoch} (1-based: its steps, without the validation that follows) took
     * {@code seconds} of wall time for {@code examples} examples; heard just before that epoch's
     * {@link #epochFinished(EpochRecord)}.
     */
    default void epochTimed(int epoch, double seconds, int examples) {
    }

    /** Training ended (normally or not). */
    default void trainingFinished() {
    }
}
