package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * What {@link FeatureTransform#checkColumns} refuses in a table given to a trained model, each as one line with the
 * likely cause: a used column absent or one the model never saw (in another case, read with the wrong delimiter, an ID
 * column to key the rows by), and a numeric column holding text (another decimal mark, a missing-value text the model
 * does not know).
 */
final class ColumnCheck {

    private ColumnCheck() {
    }

    /**
     * Fails unless {@code table} holds the {@code used} columns, and otherwise only {@code inputs} (ignored columns
     * included), {@code labelName} and the table's {@link RawTable#idColumn()}; {@code predicting}: rows to predict,
     * which an unexpected column named like an ID may key.
     */
    static void names(RawTable table, String labelName, List<ColumnSchema> usedColumns, List<String> inputs,
                      boolean predicting) {
        List<String> used = usedColumns.stream().map(ColumnSchema::name).toList();
        List<String> absent = used.stream().filter(n -> table.column(n) == null).toList();
        List<String> ignored = table.leftOut().stream().filter(absent::contains).toList();
        if (!ignored.isEmpty()) {
            boolean one = ignored.size() == 1;
            throw new DlkitException(String.format(Locale.ROOT, "%s: --ignore %s leaves out %s the model was trained "
                    + "on (%s); keep %s: the model's columns are: %s", table.source(), String.join(",",
                    ignored.stream().map(ValueHints::listArgument).toList()), one ? "a column" : "columns",
                    String.join(", ", ignored), one ? "it" : "them", String.join(", ", used)));
        }
        List<String> unexpected = table.names().stream().filter(n -> !inputs.contains(n) && !n.equals(labelName)
                && !n.equals(table.idColumn())).toList();
        if (absent.isEmpty() && unexpected.isEmpty()) {
            return;
        }
        String cased = absent.stream().flatMap(a -> ValueHints.sameButCase(a, unexpected).map(u -> " ('" + u
                + "' is the model's '" + a + "' in another case: column names are case-sensitive)").stream())
                .findFirst().orElse("");
        throw new DlkitException(String.format(Locale.ROOT,
                "%s: columns differ from the model's features%s%s%s; expected %s",
                table.source(), absent.isEmpty() ? "" : " (missing: " + String.join(", ", absent) + ")",
                unexpected.isEmpty() ? "" : " (unexpected: " + String.join(", ", unexpected) + ")",
                cased + otherDelimiter(unexpected, inputs) + (predicting ? idHint(unexpected) : ""),
                String.join(", ", used)) + (absent.isEmpty() ? leaveOut(unexpected)
                : unexpected.isEmpty() && predicting ? addEmpty(usedColumns, absent) : ""));
    }

    /**
     * {@code "; if its values are unknown, add the column with empty cells, which predict fills in as it fills gaps
     * (age: the training median, 41)"} for used columns that are only absent (none unexpected, so none renamed).
     */
    private static String addEmpty(List<ColumnSchema> used, List<String> absent) {
        boolean one = absent.size() == 1;
        return String.format(Locale.ROOT, "; if %s values are unknown, add the %s with empty cells, which predict fills "
                + "in as it fills gaps (%s)", one ? "its" : "their", one ? "column" : "columns", String.join(", ",
                used.stream().filter(c -> absent.contains(c.name())).map(c -> c.name() + ": the training "
                + c.fillInWords()).toList()));
    }

    /**
     * {@code "; the model was not trained on it: leave it out with --ignore note"} for columns that are only extra
     * (none of the model's is absent, so none is a renamed one), as pandas' {@code df.drop(columns=...)} would.
     */
    private static String leaveOut(List<String> unexpected) {
        String them = unexpected.size() == 1 ? "it" : "them";
        return String.format(Locale.ROOT, "; the model was not trained on %s: leave %s out with --ignore %s", them,
                them, String.join(",", unexpected.stream().map(ValueHints::listArgument).toList()));
    }

    /**
     * Fails when a column numeric in training ({@code used[k]}, read as {@code columns[k]}) holds text in at least
     * half its cells: a column of text, not a few typos.
     */
    static void numbers(RawTable table, List<ColumnSchema> used, RawColumn[] columns, MissingValues missing) {
        int[] all = IntStream.range(0, table.numRows()).toArray();
        for (int k = 0; k < columns.length; k++) {
            RawColumn column = columns[k];
            NotNumbers text = used.get(k).kind() == ColumnKind.NUMERIC && column.isText() ? NotNumbers.in(column, all)
                    : null;
            if (text != null && text.most()) {
                int r = text.rows().get(0);
                throw new DlkitException(String.format(Locale.ROOT,
                        "%s, column '%s': numeric in training, but %s holds '%s', %s",
                        table.source(), used.get(k).name(), table.place(r), column.text(r),
                        notANumber(column.text(r), table.format(), missing)));
            }
        }
    }

    /**
     * Refuses a column the model took as codes ({@code codes}: {@code --categorical} integers such as ZIP codes, kept
     * as written) that {@code table} holds as numbers, read without them: {@code 02139} would be 2139 and codes above
     * 2^24 merged, each then a category unseen in training. A column of digits and text ({@code 02139}, {@code A12})
     * is text either way: it is refused when a leading zero was lost ({@link RawColumn#lostLeadingZeros}); a code
     * above 2^24 merged in such a column cannot be told from one written so and passes.
     */
    static void codes(RawTable table, List<ColumnSchema> used, RawColumn[] columns, List<String> codes) {
        for (int k = 0; k < columns.length; k++) {
            RawColumn column = columns[k];
            String name = used.get(k).name();
            if (codes.contains(name) && (column.isText() ? column.lostLeadingZeros()
                    : IntStream.range(0, table.numRows()).anyMatch(r -> !column.isMissing(r)))) {
                throw new DlkitException(String.format(Locale.ROOT,
                        "%s, column '%s': codes in training (--categorical %s), read as written, but this table "
                        + "holds them as numbers (02139 as 2139, codes above 2^24 merged); read the file keeping "
                        + "their digits: predictCsv or evaluateCsv, or in Java model.transform().readCsv(file, "
                        + "CsvFormat.DETECT) for rows and model.readCsv(file, null, CsvFormat.DETECT, false) for "
                        + "labelled rows", table.source(), name, name));
            }
        }
    }

    /**
     * {@code " ('PassengerId' looks like an ID column: key the predictions by it, --id PassengerId on the command
     * line)"} when one of the {@code unexpected} columns is named like an ID; else "".
     */
    private static String idHint(List<String> unexpected) {
        return unexpected.stream().filter(TableSchema::namedLikeId).findFirst().map(n -> String.format(Locale.ROOT,
                " ('%s' looks like an ID column: key the predictions by it, --id %s on the command line)", n,
                n.matches("[\\w.-]+") ? n : "'" + n + "'")).orElse("");
    }

    /**
     * Why {@code value}, in a column of numbers, is none in a file read as {@code format}: a number with a decimal
     * comma in a file read with points, one with a point in a file read with commas (as the training file was), or no
     * number nor missing-value text.
     */
    private static String notANumber(String value, CsvFormat format, MissingValues missing) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        if (ValueHints.decimalCommaExample(List.of(value), format) != null) {
            return "a number with a decimal comma: read the file with decimal commas (--decimal-comma)";
        }
        if (format.decimalComma() && !Double.isNaN(Numbers.parse(b, 0, b.length))) {
            return "a number with a decimal point, and the model reads decimal commas as its training file had them: "
                    + "write them with commas, or save the file comma-separated (read with decimal points)";
        }
        if (FormattedNumbers.isPercent(value, format.decimalComma())) {
            return "a number with a percent sign, which the training file did not write: write the numbers as it did "
                    + "(12% as 12, or as 0.12 if it held fractions)";
        }
        return "which is no number and none of the model's missing-value texts (an empty cell, "
                + String.join(", ", missing.tokens()) + ", Excel's error values such as #N/A)";
    }

    /**
     * " (the header reads 'a;b;c' as one column: ...)" when an unexpected column name, split at another delimiter,
     * holds the model's column names: the file was read with the wrong delimiter.
     */
    private static String otherDelimiter(List<String> unexpected, List<String> inputs) {
        for (String u : unexpected) {
            for (char d : CsvFormat.DELIMITERS) {
                if (u.indexOf(d) >= 0 && Arrays.stream(u.split(Pattern.quote(String.valueOf(d)))).map(String::trim)
                        .anyMatch(inputs::contains)) {
                    return String.format(Locale.ROOT,
                            " (the header reads '%s' as one column: the file looks %s-separated; check "
                            + "the delimiter, --delimiter on the command line)", u, CsvFormat.name(d));
                }
            }
        }
        return "";
    }
}
