package org.dlkit.data;

import java.util.List;
import java.util.Set;

/**
 * How a CSV is read and its columns become features: overrides of the inferred kinds, the cells that count as
 * missing, what to do with missing feature values, the most categories a text column may have before it is left out,
 * and the file's delimiter and decimal mark.
 *
 * @param categorical   columns read as categories even when they hold numbers (integer-coded categories)
 * @param numeric       columns read as numbers even when inference would leave them out (e.g. an ID-like column)
 * @param ignore        columns left out
 * @param missingValues the cells that mean "no value"
 * @param missing       what to do with a row whose feature value is missing
 * @param maxCategories the most distinct values a text column may have and still be one-hot encoded
 * @param format        the delimiter (detected by default) and the decimal mark
 */
public record TableOptions(Set<String> categorical, Set<String> numeric, Set<String> ignore,
                           MissingValues missingValues, MissingPolicy missing, int maxCategories, CsvFormat format) {

    /** The most categories a text column may have by default. */
    public static final int DEFAULT_MAX_CATEGORIES = 50;

    /** Every kind inferred, the default missing cells, impute, at most 50 categories, delimiter detected. */
    public static final TableOptions DEFAULT = new TableOptions(Set.of(), Set.of(), Set.of(), MissingValues.DEFAULT,
            MissingPolicy.IMPUTE, DEFAULT_MAX_CATEGORIES, CsvFormat.DEFAULT);

    public TableOptions {
        categorical = Set.copyOf(categorical);
        numeric = Set.copyOf(numeric);
        ignore = Set.copyOf(ignore);
    }

    /** Options with the delimiter detected and decimal points. */
    public TableOptions(Set<String> categorical, Set<String> numeric, Set<String> ignore, MissingValues missingValues,
                        MissingPolicy missing, int maxCategories) {
        this(categorical, numeric, ignore, missingValues, missing, maxCategories, CsvFormat.DEFAULT);
    }

    public TableOptions withCategorical(List<String> columns) {
        return new TableOptions(Set.copyOf(columns), numeric, ignore, missingValues, missing, maxCategories, format);
    }

    public TableOptions withNumeric(List<String> columns) {
        return new TableOptions(categorical, Set.copyOf(columns), ignore, missingValues, missing, maxCategories,
                format);
    }

    public TableOptions withIgnore(List<String> columns) {
        return new TableOptions(categorical, numeric, Set.copyOf(columns), missingValues, missing, maxCategories,
                format);
    }

    public TableOptions withMissingValues(MissingValues values) {
        return new TableOptions(categorical, numeric, ignore, values, missing, maxCategories, format);
    }

    public TableOptions withMissing(MissingPolicy policy) {
        return new TableOptions(categorical, numeric, ignore, missingValues, policy, maxCategories, format);
    }

    /** The cell delimiter: {@code ,} {@code ;} {@code '\t'} or {@code |}; {@link CsvFormat#DETECT} to detect it. */
    public TableOptions withDelimiter(char delimiter) {
        return withFormat(format.withDelimiter(delimiter));
    }

    /**
     * Numbers written with decimal commas ({@code 1,5}, {@code 1.234,5}); a comma-separated file is then an error. The
     * choice is saved with the model's transform, so that predict reads its files the same way.
     */
    public TableOptions withDecimalComma(boolean decimalComma) {
        return withFormat(format.withDecimal(decimalComma ? CsvFormat.Decimal.COMMA : CsvFormat.Decimal.POINT));
    }

    public TableOptions withFormat(CsvFormat f) {
        return new TableOptions(categorical, numeric, ignore, missingValues, missing, maxCategories, f);
    }

    public TableOptions withMaxCategories(int max) {
        return new TableOptions(categorical, numeric, ignore, missingValues, missing, max, format);
    }
}
