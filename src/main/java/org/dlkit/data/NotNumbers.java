package org.dlkit.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cells of a column of numbers that are not numbers (a typo such as {@code 12..5}, a stray word), among some rows.
 * A few of them do not make the column text: training takes it as numeric when at most max(1, 2%) of its present
 * cells, and at most one in ten, are not numbers ({@link #few()}); those cells are then read as missing, with a
 * warning naming their lines. Not when they are codes with letters among codes of digits ({@link #codes}): ICD-9's
 * {@code V57} and {@code E888} among {@code 250.83} and {@code 428}, a cancelled invoice {@code C536379} among
 * {@code 536365}; such a column is text, as pandas reads it. Predict and evaluate refuse a numeric column when at
 * least half its cells are not numbers ({@link #most()}): that column holds text.
 *
 * @param count   cells that hold something that is not a number
 * @param present cells that are not missing
 * @param rows    the table rows of the first {@link #LISTED} such cells
 * @param alike   whether all such cells hold the same text
 * @param codes   whether such cells hold at least {@link #CODES} distinct texts, each a code of digits with one or two
 *                capital letters before ({@code V57}, {@code C536379}) or one after ({@code 85123A})
 */
record NotNumbers(int count, int present, List<Integer> rows, boolean alike, boolean codes) {

    /** Cells named in a warning. */
    static final int LISTED = 3;

    /** Distinct letter codes that make a column of codes rather than of numbers with typos. */
    static final int CODES = 3;

    private static final Pattern CODE = Pattern.compile("[A-Z]{1,2}\\d+(\\.\\d+)?|\\d+[A-Z]");

    /** The cells of {@code column} at {@code rows} that are not numbers. */
    static NotNumbers in(RawColumn column, int[] rows) {
        int count = 0, present = 0;
        List<Integer> first = new ArrayList<>();
        boolean alike = true;
        boolean allCodes = true;
        Set<String> codes = new HashSet<>();
        for (int r : rows) {
            if (column.isMissing(r)) {
                continue;
            }
            present++;
            if (column.isNotANumber(r)) {
                count++;
                alike &= first.isEmpty() || column.text(r).equals(column.text(first.get(0)));
                if (allCodes) {
                    allCodes = CODE.matcher(column.text(r)).matches();
                    if (codes.size() < CODES) {
                        codes.add(column.text(r));
                    }
                }
                if (first.size() < LISTED) {
                    first.add(r);
                }
            }
        }
        return new NotNumbers(count, present, List.copyOf(first), alike, allCodes && codes.size() >= CODES);
    }

    /**
     * Few enough to be typos in a column of numbers (none: the text is in other rows, such as the test rows), and not
     * {@link #codes}.
     */
    boolean few() {
        return !codes && count <= Math.max(1, present / 50) && count * 10 <= present;
    }

    /** At least half the present cells: a column of text. */
    boolean most() {
        return count * 2 >= present;
    }

    /**
     * The warning for a column taken as numeric although {@link #count} of its training cells at {@code rows} are not
     * numbers: what to pass instead ({@code --decimal-comma} when they are numbers with decimal commas).
     */
    String takenAsNumeric(RawTable table, RawColumn column, int[] rows, boolean asked) {
        java.util.Set<String> texts = new java.util.TreeSet<>();
        for (int r : rows) {
            if (column.isNotANumber(r)) {
                texts.add(column.text(r));
            }
        }
        String decimalComma = ValueHints.decimalCommaExample(texts, table.format());
        String instead = decimalComma != null ? "'" + decimalComma + "' looks like a number with a decimal comma: "
                + "pass --decimal-comma to read it as one" : asked ? "--numeric"
                : "pass --categorical " + ValueHints.listArgument(column.name()) + " to take it as categories";
        return String.format(Locale.ROOT,
                "column '%s': %d of %d training values %s; the column is taken as numeric and such cells "
                + "as missing (%s)", column.name(), count, present, count == 1 ? "is not a number"
                : "are not numbers", instead);
    }

    /**
     * When these cells hold one text among numbers ({@code -}, {@code unknown}: a missing-value marker that
     * {@code missing} does not list), how to read them as missing: {@code "; its values are numbers but for '-' (177 of
     * 712 cells): if '-' marks a missing value, pass --missing-values NA,N/A,null,?,NaN,- or --numeric Age"}; else "".
     */
    String markerHint(RawColumn column, MissingValues missing) {
        if (count == 0 || !alike || count == present) {
            return "";
        }
        String marker = column.text(rows.get(0));
        List<String> tokens = new ArrayList<>(missing.tokens());
        tokens.add(marker);
        return String.format(Locale.ROOT,
                "; its values are numbers but for '%s' (%d of %d cells): if '%s' marks a missing value, "
                + "pass --missing-values %s%s", marker, count, present, marker, String.join(",", tokens),
                most() ? "" : " or --numeric " + ValueHints.listArgument(column.name()));
    }

    /**
     * {@code line 17 holds '12..5', not a number}, {@code lines 2, 9, 16 and 5 more hold '-', not a number} (the
     * listed cells alike), or {@code lines 17 ('12..5'), 40 ('x') and 2 more hold text, not numbers}, for messages.
     */
    String cells(RawTable table, RawColumn column) {
        String first = column.text(rows.get(0));
        String more = count > rows.size() ? " and " + (count - rows.size()) + " more" : "";
        if (count == 1) {
            return table.place(rows.get(0)) + " holds '" + first + "', not a number";
        }
        if (alike) {
            return table.lineWord() + "s " + String.join(", ", rows.stream().map(r -> Long.toString(table.line(r))).toList()) + more
                    + " hold '" + first + "', not a number";
        }
        List<String> listed = rows.stream().map(r -> table.line(r) + " ('" + column.text(r) + "')").toList();
        return table.lineWord() + "s " + String.join(", ", listed) + more + " hold text, not numbers";
    }
}
