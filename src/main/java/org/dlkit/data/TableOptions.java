package org.dlkit.data;

import java.util.List;
import java.util.Set;

/**
 * How a CSV's columns become features: overrides of the inferred kinds, the cells that count as missing, what to do
 * with missing feature values, and the most categories a text column may have before it is left out.
 *
 * @param categorical   columns read as categories even when they hold numbers (integer-coded categories)
 * @param numeric       columns read as numbers even when inference would leave them out (e.g. an ID-like column)
 * @param ignore        columns left out
 * @param missingValues the cells that mean "no value"
 * @param missing       what to do with a row whose feature value is missing
 * @param maxCategories the most distinct values a text column may have and still be one-hot encoded
 */
public record TableOptions(Set<String> categorical, Set<String> numeric, Set<String> ignore,
                           MissingValues missingValues, MissingPolicy missing, int maxCategories) {

    /** The most categories a text column may have by default. */
    public static final int DEFAULT_MAX_CATEGORIES = 50;

    /** Every kind inferred, the default missing cells, impute, at most 50 categories. */
    public static final TableOptions DEFAULT = new TableOptions(Set.of(), Set.of(), Set.of(), MissingValues.DEFAULT,
            MissingPolicy.IMPUTE, DEFAULT_MAX_CATEGORIES);

    public TableOptions {
        categorical = Set.copyOf(categorical);
        numeric = Set.copyOf(numeric);
        ignore = Set.copyOf(ignore);
    }

    public TableOptions withCategorical(List<String> columns) {
        return new TableOptions(Set.copyOf(columns), numeric, ignore, missingValues, missing, maxCategories);
    }

    public TableOptions withNumeric(List<String> columns) {
        return new TableOptions(categorical, Set.copyOf(columns), ignore, missingValues, missing, maxCategories);
    }

    public TableOptions withIgnore(List<String> columns) {
        return new TableOptions(categorical, numeric, Set.copyOf(columns), missingValues, missing, maxCategories);
    }

    public TableOptions withMissingValues(MissingValues values) {
        return new TableOptions(categorical, numeric, ignore, values, missing, maxCategories);
    }

    public TableOptions withMissing(MissingPolicy policy) {
        return new TableOptions(categorical, numeric, ignore, missingValues, policy, maxCategories);
    }

    public TableOptions withMaxCategories(int max) {
        return new TableOptions(categorical, numeric, ignore, missingValues, missing, max);
    }
}
