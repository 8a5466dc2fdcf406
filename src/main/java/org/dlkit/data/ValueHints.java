package org.dlkit.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What a column's distinct text values suggest about the file, for warnings: decimal commas, case-only variants. */
final class ValueHints {

    private ValueHints() {
    }

    /**
     * One of {@code values} written with a decimal comma ({@code '1,5'}) when every value is a number with a decimal
     * comma ({@link Numbers#parse(byte[], int, int, boolean)}) and the file could hold such numbers (its delimiter is
     * not a comma and it was not read with decimal commas); else null.
     */
    static String decimalCommaExample(Collection<String> values, CsvFormat format) {
        if (format.decimalComma() || format.delimiter() == ',') {
            return null;
        }
        String example = null;
        for (String v : values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            if (Double.isNaN(Numbers.parse(b, 0, b.length, true))) {
                return null;
            }
            if (example == null && v.indexOf(',') >= 0) {
                example = v;
            }
        }
        return example;
    }

    /**
     * {@code "; the quote after 'say \' is escaped with a backslash, ..."} when the quoted field just closed,
     * {@code cell[off, off + len)}, ends in a backslash: a quote escaped as {@code \"} (Python's csv module with
     * {@code escapechar}, MySQL), which RFC 4180 writes {@code ""}; else "".
     */
    static String backslashQuote(byte[] cell, int off, int len) {
        if (len == 0 || cell[off + len - 1] != '\\') {
            return "";
        }
        int shown = Math.min(len, 20);
        return "; the quote after '" + new String(cell, off + len - shown, shown, StandardCharsets.UTF_8) + "' is "
                + "escaped with a backslash, which CSV does not do: a quote inside a quoted field is written twice, "
                + "\"\", as pandas' to_csv and Excel write it";
    }

    /** Letters, digits and the punctuation a shell leaves alone: such a column name is passed as it is. */
    private static final java.util.regex.Pattern PLAIN_ARGUMENT = java.util.regex.Pattern.compile("[\\w.,:@%+=/-]+");

    /**
     * {@code name} as it is typed after an option in a shell: {@code Age}, or in single quotes when it holds a space or
     * anything else a shell reads ({@code 'Body Mass (g)'}, {@code 'it'\''s'}), so that a hint can be copied.
     */
    static String argument(String name) {
        return PLAIN_ARGUMENT.matcher(name).matches() ? name : "'" + name.replace("'", "'\\''") + "'";
    }

    /**
     * {@code name} as it is typed after an option that takes a list ({@code --ignore}, {@code --categorical},
     * {@code --numeric}), which splits at commas: as {@link #argument}, a name with a comma in double quotes
     * ({@code '"ticket, no"'}), which the CLI reads as one name.
     */
    static String listArgument(String name) {
        return argument(name.indexOf(',') >= 0 ? '"' + name + '"' : name);
    }

    /**
     * {@code " (a name with a comma is split at it: put it in double quotes, --ignore '\"ticket, no\"')"} when
     * {@code name}, given to {@code --option}, is a piece of one of {@code names} split at its commas; else "".
     */
    static String commaSplit(String option, String name, Collection<String> names) {
        return names.stream().filter(n -> n.indexOf(',') >= 0 && List.of(n.split(",", -1)).contains(name))
                .findFirst().map(n -> " (a name with a comma is split at it: put it in double quotes, --" + option
                        + " " + listArgument(n) + ")").orElse("");
    }

    /**
     * A value of {@code column} at {@code rows} when every present one is a number with a decimal comma formatted as
     * {@link FormattedNumbers} reads them ({@code 131,45 €}, {@code 1.234,50 €}, {@code 12,5 %}) and the file could
     * hold such numbers ({@link #decimalCommaExample(Collection, CsvFormat)}); else null.
     */
    static String formattedDecimalCommaExample(RawColumn column, int[] rows, CsvFormat format) {
        if (format.decimalComma() || format.delimiter() == ',') {
            return null;
        }
        FormattedNumbers withCommas = FormattedNumbers.in(column, rows, true, true);
        return withCommas == null ? null : withCommas.example();
    }

    /**
     * {@code "the first line looks like a row of data, not column names: '39', '77516' are numbers; ..."} when at
     * least two and a quarter of {@code names} are numbers and they do not count up by one (pandas and numpy exports name columns
     * 0, 1, 2, ...; years as columns count too); else null. UCI files such as Adult's come without a header.
     */
    static String headerLooksLikeData(java.util.List<String> names) {
        java.util.List<String> numbers = new java.util.ArrayList<>();
        boolean counting = true;
        double previous = Double.NaN;
        for (String name : names) {
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            double v = Numbers.parse(b, 0, b.length);
            if (!Double.isNaN(v)) {
                numbers.add(name);
                counting &= Double.isNaN(previous) || v == previous + 1;
                previous = v;
            }
        }
        if (counting || numbers.size() < 2 || numbers.size() * 4 < names.size()) {
            return null;
        }
        return "the first line looks like a row of data, not column names: '" + String.join("', '",
                numbers.subList(0, Math.min(3, numbers.size()))) + "' are numbers; dlkit reads the first line as the "
                + "header: add a line of column names";
    }

    /** Column names that usually hold the classes. */
    private static final java.util.Set<String> LABEL_NAMES = java.util.Set.of("label", "class", "target", "labels",
            "classes");

    /**
     * The first of {@code features} named like a label column ({@code label}, {@code class}, {@code target}, in any
     * case) when {@code label} is not, or null: a label in the first column that the default (the last) missed.
     */
    static String labelLikeName(Collection<String> features, String label) {
        if (LABEL_NAMES.contains(label.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return features.stream().filter(f -> LABEL_NAMES.contains(f.toLowerCase(Locale.ROOT))).findFirst()
                .orElse(null);
    }

    /**
     * {@code " (did you mean 'Survived'? column names are case-sensitive)"} when one of {@code names} differs from
     * {@code name} only in case; else "".
     */
    static String otherCase(String what, String name, Collection<String> names) {
        return sameButCase(name, names)
                .map(n -> " (did you mean '" + n + "'? " + what + " names are case-sensitive)").orElse("");
    }

    /** The first of {@code names} equal to {@code name} but for case; empty when none is. */
    static Optional<String> sameButCase(String name, Collection<String> names) {
        return names.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Why an unknown class {@code label} may be one of {@code classes} spelt otherwise: in another case, or with a
     * trailing {@code .} (the Adult data set's test file writes {@code >50K.} where its training file has
     * {@code >50K}); else "".
     */
    static String otherSpelling(String label, Collection<String> classes) {
        String bare = label.endsWith(".") ? label.substring(0, label.length() - 1).strip() : null;
        if (bare != null && classes.contains(bare)) {
            return " (the class '" + bare + "' with a trailing '.': remove the '.' from this file's labels)";
        }
        return otherCase("class", label, classes);
    }

    /**
     * Every group of {@code counts}' values that differ only in case, with their rows, and what becomes of them:
     * {@code 'NO', 'No' and 'no' (10, 20 and 10 rows); 'YES' and 'Yes' (10 and 20 rows) differ only in case and are
     * taken as 5 classes; if each group is one, write it one way in the file}; null when no two values differ only in
     * case. {@code counts} maps each value to its rows; {@code noun} is the plural of what the values are.
     */
    static String caseVariants(Map<String, Integer> counts, String noun) {
        Map<String, List<String>> groups = new TreeMap<>();
        for (String v : counts.keySet()) {
            groups.computeIfAbsent(v.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(v);
        }
        List<String> named = new ArrayList<>();
        int values = 0;
        for (List<String> group : groups.values()) {
            if (group.size() > 1) {
                group.sort(null);
                values += group.size();
                named.add(inWords(group.stream().map(v -> "'" + v + "'").toList()) + " ("
                        + inWords(group.stream().map(v -> String.valueOf(counts.get(v))).toList()) + " rows)");
            }
        }
        if (named.isEmpty()) {
            return null;
        }
        int shown = Math.min(named.size(), 5);
        String more = named.size() > shown ? "; and " + (named.size() - shown) + " more such groups" : "";
        return String.format(Locale.ROOT, "%s%s differ only in case and are taken as %d %s; if %s, write it one way "
                + "in the file", String.join("; ", named.subList(0, shown)), more, values, noun,
                named.size() == 1 ? "they are one" : "each group is one");
    }

    /**
     * A categorical column whose {@code missing} training cells (of {@code rows}) outnumber the {@code modeRows} of its
     * most frequent category {@code mode}, which imputation fills them in with: the rows of {@code mode} are then
     * mostly gaps, while in a table such as Kaggle's House Prices {@code NA} in {@code Fence} or {@code PoolQC} means
     * "none", a category of its own (as pandas' {@code get_dummies} and scikit-learn's {@code OneHotEncoder} keep a gap
     * apart).
     */
    record Gaps(String column, int missing, int rows, String mode, int modeRows) { }

    /**
     * The warning for {@code gaps} (one or more columns): how many cells are missing and what fills them in, and how
     * to keep a gap that means "none" apart: {@code --missing-values} without its text, so that it is read as a
     * category.
     */
    static String gapsAsCategory(List<Gaps> gaps, MissingValues missingValues) {
        String how = String.format(Locale.ROOT, "if a missing value means 'none' %s, keep it as a category of its own: "
                + "pass --missing-values without the text that marks it (now %s; an empty cell is always missing)",
                gaps.size() == 1 ? "here" : "there", String.join(",", missingValues.tokens()));
        if (gaps.size() == 1) {
            Gaps g = gaps.get(0);
            return String.format(Locale.ROOT, "column '%s': %d of %d training cells are missing, more than the %d rows "
                    + "of '%s', the most frequent category, which they are filled in with; %s", g.column(),
                    g.missing(), g.rows(), g.modeRows(), g.mode(), how);
        }
        return String.format(Locale.ROOT, "columns %s: their gaps outnumber the rows of the most frequent category, "
                + "which they are filled in with; %s", String.join(", ", gaps.stream().map(g -> String.format(
                Locale.ROOT, "'%s' (%d of %d training cells missing, more than the %d rows of '%s')", g.column(),
                g.missing(), g.rows(), g.modeRows(), g.mode())).toList()), how);
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String inWords(List<String> items) {
        int last = items.size() - 1;
        return last == 0 ? items.get(0) : String.join(", ", items.subList(0, last)) + " and " + items.get(last);
    }
}
