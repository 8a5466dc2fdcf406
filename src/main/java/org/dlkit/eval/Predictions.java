package org.dlkit.eval;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Class probabilities for a list of inputs, the predicted class of each (the most probable; the first on a tie), and
 * their CSV form: the input's id (line or file), the predicted class, then {@code p_<class>} per class, every field
 * quoted per RFC 4180 where it needs to be (class names and paths may hold commas, quotes or line breaks).
 *
 * @param idColumn      the header of the id column ("line" or "file")
 * @param ids           one id per input
 * @param classes       the class names, in the model's order
 * @param probabilities one row per input, one column per class
 */
public record Predictions(String idColumn, List<String> ids, List<String> classes, double[][] probabilities) {

    public Predictions {
        ids = List.copyOf(ids);
        classes = List.copyOf(classes);
        if (ids.size() != probabilities.length) {
            throw new IllegalArgumentException(ids.size() + " ids for " + probabilities.length + " rows of probabilities");
        }
    }

    /** The index of the most probable class of input {@code i}. */
    public int predictedIndex(int i) {
        return argmax(probabilities[i]);
    }

    /** The name of the most probable class of input {@code i}. */
    public String predicted(int i) {
        return classes.get(predictedIndex(i));
    }

    public int size() {
        return ids.size();
    }

    /** The index of the largest value (the first of equal ones). */
    public static int argmax(double[] values) {
        int best = 0;
        for (int c = 1; c < values.length; c++) {
            if (values[c] > values[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Writes the CSV: a header, then one row per input, probabilities with six decimals. */
    public void writeCsv(Writer w) throws IOException {
        StringBuilder header = new StringBuilder(quote(idColumn)).append(",predicted");
        for (String c : classes) {
            header.append(',').append(quote("p_" + c));
        }
        w.write(header.append("\r\n").toString());
        for (int i = 0; i < probabilities.length; i++) {
            StringBuilder row = new StringBuilder(quote(ids.get(i))).append(',').append(quote(predicted(i)));
            for (double p : probabilities[i]) {
                row.append(',').append(sixDecimals(p));
            }
            w.write(row.append("\r\n").toString());
        }
    }

    /**
     * Writes the CSV of the predicted classes only, as a Kaggle submission is written ({@code PassengerId,Survived}):
     * a header of the id column and {@code classColumn} (the model's label column), then one row per input.
     */
    public void writeClassesCsv(Writer w, String classColumn) throws IOException {
        w.write(quote(idColumn) + ',' + quote(classColumn) + "\r\n");
        for (int i = 0; i < probabilities.length; i++) {
            w.write(quote(ids.get(i)) + ',' + quote(predicted(i)) + "\r\n");
        }
    }

    /**
     * {@code String.format(Locale.ROOT, "%.6f", p)}, which rounds the shortest decimal form of {@code p} half up, in
     * a fraction of its time (a formatter per call made it most of predict's time on large files).
     */
    static String sixDecimals(double p) {
        if (!Double.isFinite(p) || (p == 0 && 1 / p < 0)) {
            return String.format(Locale.ROOT, "%.6f", p);   // NaN, infinities and -0.0 as the formatter writes them
        }
        return BigDecimal.valueOf(p).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    /** A field as RFC 4180 writes it: in double quotes, inner quotes doubled, when it holds a comma, quote or line break. */
    public static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0
                && (field.isEmpty() || (field.charAt(0) != ' ' && field.charAt(field.length() - 1) != ' '))) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
