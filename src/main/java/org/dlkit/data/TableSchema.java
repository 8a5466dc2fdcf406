package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.dlkit.text.DisplayWidth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The kind of every feature column, inferred from the training rows only: numbers are numeric; text (and booleans) is
 * categorical; a text column with too many distinct values to one-hot usefully (an ID, a name, free text), a date
 * column, and a column of unique increasing integers (a row ID) are left out with a warning that names the option to
 * override the choice.
 *
 * @param columns one entry per feature column, in the file's order
 */
public record TableSchema(List<ColumnSchema> columns) {

    /** A month's name, abbreviated or not ({@code Jan}, {@code Sept.}, {@code January}). */
    private static final String MONTH = "(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?"
            + "|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?";
    /**
     * Dates with a time or not: {@code 2024-01-31}, {@code 2024-01-31T10:00:00Z}, {@code 31/01/2024}, {@code 1.31.24},
     * {@code 2024/01/31}, {@code Jan 31 2024}, {@code January 31, 2024}, {@code 31 Jan 2024}, {@code 31-Jan-24}.
     */
    private static final Pattern DATE = Pattern.compile(
            "\\d{4}-\\d{1,2}-\\d{1,2}([T ].*)?|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}( .*)?|\\d{4}/\\d{1,2}/\\d{1,2}( .*)?"
                    + "|(?i)(" + MONTH + "[ -]\\d{1,2}(st|nd|rd|th)?,?[ -]\\d{2,4}|\\d{1,2}[ -]" + MONTH
                    + ",?[ -]\\d{2,4})([ T].*)?");
    /**
     * Names of ID columns: {@code id}, {@code ID}, {@code customer_id}, {@code user id}, {@code PassengerId},
     * {@code id_code}; a column so named whose integers are unique is an ID even when the rows were shuffled.
     */
    private static final Pattern ID_NAME = Pattern.compile("(?i:id)([_ .-].*)?|.*[_ .-](?i:id)|.*[a-z]Id");
    /** The reason of a column taken as categories because {@code --categorical} names it. */
    private static final String CATEGORICAL_OPTION = "--categorical";
    /** The reason of a column of dates, and how to use one. */
    private static final String DATES = "looks like dates";
    private static final String DATES_WAY = "to use it, write it as numbers, such as the year, the month, the day of "
            + "the week or the days since a start";
    /** Integer columns with at least this many rows, all distinct and increasing, are taken for row IDs. */
    private static final int ID_MIN_ROWS = 20;

    public TableSchema {
        columns = List.copyOf(columns);
    }

    /** Infers the schema of the feature columns from the training rows {@code train}. */
    static TableSchema infer(LabelledData train, Consumer<String> warnings) {
        RawTable table = train.table();
        TableOptions options = train.options();
        int[] rows = Arrays.stream(train.tableRows()).sorted().toArray();
        List<ColumnSchema> out = new ArrayList<>();
        Map<String, String> waysOn = new LinkedHashMap<>(); // a left-out column: how to use it
        List<ValueHints.Gaps> gaps = new ArrayList<>(); // categorical columns whose gaps outnumber their mode
        int[] fileRows = java.util.stream.IntStream.range(0, table.numRows()).toArray();
        List<String> names = new ArrayList<>(train.featureNames());
        names.add(train.labelName());
        String headerless = ValueHints.headerLooksLikeData(names);
        if (headerless != null) {
            warnings.accept(table.source() + ": " + headerless);
        }
        for (String name : train.featureNames()) {
            RawColumn column = table.column(name);
            int missing = 0;
            for (int r : rows) {
                missing += column.isMissing(r) ? 1 : 0;
            }
            if (options.ignore().contains(name)) {
                out.add(ignored(name, "left out by --ignore", missing));
                waysOn.put(name, "drop it from --ignore to use it");
                continue;
            }
            if (missing == rows.length) {
                if (IntStream.range(0, table.numRows()).allMatch(column::isMissing)) {
                    throw new DlkitException(String.format(Locale.ROOT,
                            "%s, column '%s': no values (all %d cells are missing); pass --ignore %s to leave it out",
                            table.source(), name, table.numRows(), ValueHints.listArgument(name)));
                }
                throw new DlkitException(String.format(Locale.ROOT,
                        "%s, column '%s': no values in the %d training rows (every cell "
                        + "is missing); pass --ignore %s to leave it out", table.source(), name, rows.length,
                        ValueHints.listArgument(name)));
            }
            boolean asCategories = options.categorical().contains(name);
            boolean asNumbers = options.numeric().contains(name);
            boolean commas = table.format().decimalComma();
            // how numbers are written is a property of the file, as decimal commas are: every row tells
            FormattedNumbers formatted = asCategories ? null : FormattedNumbers.in(column, fileRows, commas,
                    !asNumbers);
            if (formatted != null && ValueHints.decimalCommaExample(texts(column), table.format()) != null) {
                formatted = null; // '1,250' in a ';' file: 1.25 as likely as 1250; the warning names --decimal-comma
            }
            if (formatted != null) {
                column.readFormatted(formatted, commas);
                warnings.accept(String.format(Locale.ROOT,
                        "column '%s' holds numbers written with %s; taken as numeric (pass "
                        + "--categorical %s to take its values as categories)", name, formatted.describe(commas),
                        ValueHints.listArgument(name)));
            }
            NotNumbers typos = column.isText() && !asCategories ? NotNumbers.in(column, rows) : null;
            if (typos != null && (typos.few() || asNumbers && !typos.most())) {
                if (typos.count() > 0) {
                    warnings.accept(typos.takenAsNumeric(table, column, rows, asNumbers));
                }
                out.add(numeric(name, column, rows, asNumbers, formatted));
                continue;
            }
            if (asNumbers && column.isText()) {
                throw new DlkitException(String.format(Locale.ROOT, "%s, column '%s': --numeric, but %s, not a number",
                        table.source(), name, column.firstText()));
            }
            if (!asCategories && !column.isText()) {
                String id = options.numeric().contains(name) ? null : idLike(column, rows);
                if (id != null) {
                    warnings.accept(String.format(Locale.ROOT,
                            "column '%s' %s; left out (pass --numeric %s to use it)", name, id,
                            ValueHints.listArgument(name)));
                    out.add(ignored(name, id, missing));
                    waysOn.put(name, "pass --numeric " + ValueHints.listArgument(name) + " to use it");
                } else {
                    if (column.leadingZeros() != null && !asNumbers) {
                        warnings.accept(String.format(Locale.ROOT, "column '%s' holds integers written with leading "
                                + "zeros (e.g. '%s'): codes, such as ZIP or product codes? taken as numbers (pass "
                                + "--categorical %s to take them as categories, as written)", name,
                                column.leadingZeros(), ValueHints.listArgument(name)));
                    }
                    out.add(numeric(name, column, rows, asNumbers, null));
                }
                continue;
            }
            Map<String, Integer> counts = new TreeMap<>();
            for (int r : rows) {
                String t = column.text(r);
                if (t != null) {
                    counts.merge(t, 1, Integer::sum);
                }
            }
            String decimalComma = ValueHints.decimalCommaExample(counts.keySet(), table.format());
            if (decimalComma == null && !asCategories) { // '131,45 €': formatted, with decimal commas
                decimalComma = ValueHints.formattedDecimalCommaExample(column, rows, table.format());
            }
            String numbersHint = decimalComma != null ? String.format(Locale.ROOT,
                    "; its values look like numbers with decimal "
                    + "commas (e.g. '%s'): pass --decimal-comma to read them as numbers", decimalComma)
                    : typos != null ? typos.markerHint(column, options.missingValues()) : "";
            if (!asCategories) {
                String why = tooManyCategories(counts, rows.length - missing, options.maxCategories());
                TextShape shape = why == null || !numbersHint.isEmpty() ? null : TextShape.of(counts.keySet());
                if (shape == null && why != null && numbersHint.isEmpty() && counts.size() * 2 <= rows.length - missing) {
                    shape = TextShape.codes(counts.keySet(), options.maxCategories(), ValueHints.listArgument(name));
                }
                if (shape != null) {
                    warnings.accept(String.format(Locale.ROOT, "column '%s' %s; left out (%s)", name, shape.what(),
                            shape.howToUse()));
                    out.add(ignored(name, shape.what(), missing));
                    waysOn.put(name, shape.howToUse());
                    continue;
                }
                if (why != null) {
                    String way = why.startsWith(DATES) ? DATES_WAY
                            : "pass --categorical " + ValueHints.listArgument(name) + " to one-hot encode it";
                    warnings.accept(String.format(Locale.ROOT, "column '%s' %s; left out (%s)%s", name, why, way,
                            numbersHint));
                    out.add(ignored(name, why, missing));
                    waysOn.put(name, decimalComma != null ? "its values look like numbers with decimal commas (e.g. '"
                            + decimalComma + "'): pass --decimal-comma to read them as numbers" : way + numbersHint);
                    continue;
                }
            }
            if (!numbersHint.isEmpty() && !asCategories) {
                warnings.accept(String.format(Locale.ROOT, "column '%s' is taken as categories%s", name, numbersHint));
            }
            String variants = ValueHints.caseVariants(counts, "categories");
            if (variants != null) {
                warnings.accept(String.format(Locale.ROOT, "column '%s': %s", name, variants));
            }
            String mode = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            if (options.missing() == MissingPolicy.IMPUTE && missing > counts.get(mode)) {
                gaps.add(new ValueHints.Gaps(name, missing, rows.length, mode, counts.get(mode)));
            }
            out.add(new ColumnSchema(name, ColumnKind.CATEGORICAL, asCategories ? CATEGORICAL_OPTION : "text",
                    missing, Double.NaN, Double.NaN, mode, sortedCategories(counts.keySet())));
        }
        if (!gaps.isEmpty()) {
            warnings.accept(ValueHints.gapsAsCategory(gaps, options.missingValues()));
        }
        String labelLike = ValueHints.labelLikeName(train.featureNames(), train.labelName());
        if (labelLike != null) {
            warnings.accept(String.format(Locale.ROOT,
                    "column '%s' is a feature and '%s' the label (the last column unless "
                    + "--label names another); pass --label %s if '%s' holds the classes", labelLike,
                    train.labelName(), ValueHints.argument(labelLike), labelLike));
        }
        Map<String, Integer> classRows = new TreeMap<>();
        int[] perClass = train.classCounts();
        for (int k = 0; k < perClass.length; k++) {
            classRows.put(train.classNames().get(k), perClass[k]);
        }
        String classVariants = ValueHints.caseVariants(classRows, "classes");
        if (classVariants != null) {
            warnings.accept(String.format(Locale.ROOT, "label '%s': %s", train.labelName(), classVariants));
        }
        if (out.stream().allMatch(c -> c.kind() == ColumnKind.IGNORED)) {
            throw new DlkitException(String.format(Locale.ROOT, "%s: no feature column left: every one is left out: "
                    + "%s", table.source(), String.join("; ", out.stream().map(c -> String.format(Locale.ROOT,
                    "'%s' %s (%s)", c.name(), c.reason(), waysOn.get(c.name()))).toList())));
        }
        TableSchema schema = new TableSchema(out);
        LabelLeaks.warn(train, schema, warnings);
        return schema;
    }

    /** The distinct texts of {@code column}'s cells (not missing), as {@link RawColumn#codes} lists them. */
    private static List<String> texts(RawColumn column) {
        List<String> texts = new ArrayList<>();
        column.codes(texts);
        return texts;
    }

    private static ColumnSchema ignored(String name, String reason, int missing) {
        return new ColumnSchema(name, ColumnKind.IGNORED, reason, missing, Double.NaN, Double.NaN, "", List.of());
    }

    /**
     * A numeric column: its range and median over {@code rows}; cells that are not numbers count as missing;
     * {@code formatted}: how its numbers are written, when not plainly.
     */
    private static ColumnSchema numeric(String name, RawColumn column, int[] rows, boolean asked,
                                        FormattedNumbers formatted) {
        NumericSummary s = NumericSummary.of(column, rows);
        return new ColumnSchema(name, ColumnKind.NUMERIC, asked ? "--numeric" : "numbers", rows.length - s.present(),
                s.min(), s.max(), ColumnSchema.display(s.median()), List.of(), formatted);
    }

    /** Whether {@code name} is named like an ID column ({@link #ID_NAME}: {@code id}, {@code PassengerId}, ...). */
    static boolean namedLikeId(String name) {
        return ID_NAME.matcher(name).matches();
    }

    /**
     * Why an integer column looks like a row ID (unique and increasing in file order, or unique and named like an ID:
     * {@link #ID_NAME}), or null.
     */
    private static String idLike(RawColumn column, int[] sortedRows) {
        if (sortedRows.length < ID_MIN_ROWS) {
            return null;
        }
        float previous = Float.NEGATIVE_INFINITY;
        boolean increasing = true;
        for (int r : sortedRows) {
            float v = column.number(r);
            if (Float.isNaN(v) || v != Math.rint(v)) {
                return null;
            }
            increasing &= v > previous;
            previous = v;
        }
        if (increasing) {
            return "holds unique increasing integers, like a row ID";
        }
        if (!namedLikeId(column.name())) {
            return null;
        }
        float[] values = new float[sortedRows.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.number(sortedRows[i]);
        }
        Arrays.sort(values);
        for (int i = 1; i < values.length; i++) {
            if (values[i] == values[i - 1]) {
                return null;
            }
        }
        return "is named like an ID and holds unique integers";
    }

    /** Why a text column is not one-hot encoded (dates, too many values, mostly unique), or null. */
    private static String tooManyCategories(Map<String, Integer> counts, int present, int max) {
        long dates = counts.keySet().stream().filter(t -> DATE.matcher(t).matches()).count();
        if (dates * 10 >= counts.size() * 9L && counts.size() > 2) {
            return DATES + " (e.g. '" + counts.keySet().iterator().next() + "')";
        }
        if (counts.size() > max) {
            return String.format(Locale.ROOT,
                    "has %d distinct values (more than %d: an ID, a name or free text?)", counts.size(), max);
        }
        if (counts.size() > 10 && counts.size() * 2 > present) {
            return String.format(Locale.ROOT,
                    "has %d distinct values in %d rows (mostly unique: an ID, a name or free text?)",
                    counts.size(), present);
        }
        return null;
    }

    /** Categories in order: numerically when all are numbers, else alphabetically. */
    static List<String> sortedCategories(java.util.Collection<String> values) {
        List<String> sorted = new ArrayList<>(values);
        Map<String, Double> numbers = new HashMap<>();
        for (String v : sorted) {
            byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            numbers.put(v, Numbers.parse(b, 0, b.length));
        }
        if (numbers.values().stream().noneMatch(d -> d.isNaN())) {
            sorted.sort(java.util.Comparator.comparingDouble(numbers::get));
        }
        return sorted;
    }

    /** The column named {@code name}, or null. */
    public ColumnSchema column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * The columns taken as categories by {@code --categorical} (integer codes such as ZIP codes): files for the model
     * are read with their digits as written, as the training file was ({@link TableBuilder#keepingCodes}).
     */
    public List<String> codeColumns() {
        return columns.stream()
                .filter(c -> c.kind() == ColumnKind.CATEGORICAL && c.reason().equals(CATEGORICAL_OPTION))
                .map(ColumnSchema::name).toList();
    }

    /** Encoded width: the network's number of inputs. */
    public int width() {
        return columns.stream().mapToInt(ColumnSchema::width).sum();
    }

    /** Columns listed one per line before plain numeric ones are summarised (image pixels, wide tables). */
    private static final int LISTED = 20;

    /**
     * The schema as a table: column, kind, missing count, range or categories. A wide table lists its categorical,
     * ignored and gappy columns and summarises the numeric columns without gaps in one line.
     */
    public String table() {
        List<ColumnSchema> plain = columns.stream().filter(c -> c.kind() == ColumnKind.NUMERIC && c.missing() == 0)
                .toList();
        boolean wide = columns.size() > LISTED;
        List<ColumnSchema> listed = wide ? columns.stream().filter(c -> !plain.contains(c)).toList() : columns;
        int nameWidth = Math.max(6, listed.stream().mapToInt(c -> DisplayWidth.of(oneLine(c.name()))).max()
                .orElse(0));
        StringBuilder sb = new StringBuilder("  " + DisplayWidth.padRight("column", nameWidth) + String.format(
                Locale.ROOT, "  %-11s  %7s  %s%n", "kind", "missing", "range / categories"));
        if (listed.isEmpty()) {
            sb.setLength(0);
        }
        for (ColumnSchema c : listed) {
            sb.append("  ").append(DisplayWidth.padRight(oneLine(c.name()), nameWidth)).append(String.format(
                    Locale.ROOT, "  %-11s  %7d  %s%n", c.kind(), c.missing(), oneLine(c.summary())));
        }
        if (wide && !plain.isEmpty()) {
            double min = plain.stream().mapToDouble(ColumnSchema::min).min().orElse(Double.NaN);
            double max = plain.stream().mapToDouble(ColumnSchema::max).max().orElse(Double.NaN);
            sb.append(String.format(Locale.ROOT,
                    "  %s%d numeric columns without missing values (%s .. %s), values %s .. %s%n",
                    listed.isEmpty() ? "" : "and ", plain.size(), plain.get(0).name(), plain.get(plain.size() - 1).name(),
                    ColumnSchema.display(min), ColumnSchema.display(max)));
        }
        return sb.toString();
    }

    /** {@code text} with its line breaks and tabs written {@code \n}, {@code \r}, {@code \t}: one row per column. */
    private static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
