package org.dlkit.data;

import java.util.List;
import java.util.Locale;

/**
 * One feature column as learnt from the training rows.
 *
 * @param name       the column's header name
 * @param kind       numeric, categorical or ignored
 * @param reason     why this kind (inferred, or the option that chose it)
 * @param missing    missing cells among the training rows
 * @param min        smallest value (numeric), else NaN
 * @param max        largest value (numeric), else NaN
 * @param fill       what a missing cell becomes: the median (numeric) or the most frequent category
 * @param categories the categories in encoding order (categorical), else empty
 * @param formatted  how the numbers of a numeric column are written when not plainly (thousands separators, a currency
 *                   symbol, a percent sign), else null
 */
public record ColumnSchema(String name, ColumnKind kind, String reason, int missing, double min, double max,
                           String fill, List<String> categories, FormattedNumbers formatted) {

    public ColumnSchema {
        categories = List.copyOf(categories);
    }

    /** A column whose numbers, if any, are written plainly. */
    public ColumnSchema(String name, ColumnKind kind, String reason, int missing, double min, double max, String fill,
                        List<String> categories) {
        this(name, kind, reason, missing, min, max, fill, categories, null);
    }

    /** The range or the categories, as the schema table prints them. */
    public String summary() {
        return switch (kind) {
            case NUMERIC -> String.format(Locale.ROOT, "%s .. %s, median %s", display(min), display(max), fill);
            case CATEGORICAL -> categories.size() + ": " + (categories.size() <= 6 ? String.join(", ", categories)
                    : String.join(", ", categories.subList(0, 5)) + ", ...") + "; most frequent " + fill;
            case IGNORED -> reason;
        };
    }

    /**
     * What a missing cell of this column becomes, in words: {@code median, 41} for a number, {@code most frequent
     * category, 'blue'} for a category (after "the training").
     */
    String fillInWords() {
        return kind == ColumnKind.NUMERIC ? "median, " + fill : "most frequent category, '" + fill + "'";
    }

    /** A number with at most six significant digits, as people write it ({@code 4.35}, {@code 3750}). */
    static String display(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** The encoded width: 1 for a number, one per category, 0 when ignored. */
    public int width() {
        return switch (kind) {
            case NUMERIC -> 1;
            case CATEGORICAL -> categories.size();
            case IGNORED -> 0;
        };
    }
}
