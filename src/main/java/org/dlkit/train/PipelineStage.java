package org.dlkit.train;

/** The pipeline to train a neural network, in the words of the course's last card (card 32). */
public enum PipelineStage {
    PREPARE_DATA("prepare input data"),
    DATA_PIPELINE("prepare the data pipeline"),
    DEFINE_NETWORK("define the network"),
    INITIALISE("initialise all variables"),
    TRAIN("train the network"),
    SUPERVISE("supervise the training");

    private final String title;

    PipelineStage(String title) {
        this.title = title;
    }

    /** The card's wording of this stage. */
    public String title() {
        return title;
    }

    /** "3/6 define the network". */
    public String label() {
        return (ordinal() + 1) + "/" + values().length + " " + title;
    }
}
