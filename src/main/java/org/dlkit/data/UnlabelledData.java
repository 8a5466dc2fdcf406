package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows to predict: the feature columns a model was trained on, picked by name from a CSV. The CSV may also hold the
 * label column (it is ignored); any other difference from the model's columns is an error naming them.
 *
 * @param source the CSV
 * @param lines  the line number of each row in the file
 * @param features one row of features per data row, in the model's column order
 */
public record UnlabelledData(Path source, long[] lines, double[][] features) {

    public static UnlabelledData fromCsv(Path file, List<String> featureNames, String labelName) {
        CsvTable table = CsvTable.read(file);
        List<String> missing = new ArrayList<>(featureNames);
        missing.removeAll(table.header());
        List<String> unexpected = new ArrayList<>(table.header());
        unexpected.removeAll(featureNames);
        unexpected.remove(labelName);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new DlkitException(String.format("%s: columns differ from the model's features%s%s; expected %s",
                    file, missing.isEmpty() ? "" : " (missing: " + String.join(", ", missing) + ")",
                    unexpected.isEmpty() ? "" : " (unexpected: " + String.join(", ", unexpected) + ")",
                    String.join(", ", featureNames)));
        }
        int[] columns = featureNames.stream().mapToInt(table.header()::indexOf).toArray();
        long[] lines = table.rows().stream().mapToLong(CsvTable.Row::line).toArray();
        return new UnlabelledData(file, lines, NumericColumns.parse(table, columns));
    }
}
