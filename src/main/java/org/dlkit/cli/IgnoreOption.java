package org.dlkit.cli;

import picocli.CommandLine.Option;

import java.util.List;

/**
 * {@code --ignore} of evaluate and predict: columns of the CSV the model was not trained on, left out of the rows
 * (train's own {@code --ignore}, in {@link ReadOptions}, chooses what the model is trained on). Predict's description
 * says "a second ID" (its {@code --id} names the first): PredictCommand.properties holds it under this option's key.
 */
final class IgnoreOption {

    @Option(names = "--ignore", split = ",", paramLabel = "COLUMN", converter = ColumnName.class,
            descriptionKey = "ignore",
            description = "Leave these columns of the CSV out: columns the model was not trained on (a note, an ID), "
                    + "which are refused otherwise.")
    List<String> columns;

    /** The columns given, none when the option is not. */
    List<String> columns() {
        return columns == null ? List.of() : columns;
    }

    boolean given() {
        return columns != null;
    }
}
