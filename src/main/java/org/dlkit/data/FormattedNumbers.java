package org.dlkit.data;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Numbers as reports and spreadsheets format them: with thousands separators ({@code "1,234"}), a currency symbol
 * ({@code "$1,234.50"}, {@code "-€5"}, {@code "12 £"}, accounting's {@code "($5.00)"} for -5) or a percent sign ({@code "12%"}, read as 12). pandas reads
 * such a column as text unless told ({@code thousands=','}; symbols and {@code %} always need code); dlkit reads a
 * text column as numbers when every value in the file is a number written one of these ways, with one
 * currency symbol at most, and says so in a warning ({@code --categorical COL} keeps the texts as categories). The
 * groups of a thousands separator must be exactly three digits and the first must not start with 0, so a list such as
 * {@code "1,5"} or a code such as {@code "0,123"} stays text. With decimal commas the separator is the point
 * ({@code "1.234,50 €"}).
 *
 * @param symbol  the currency symbol of the column's values, or "" for none
 * @param percent whether values end with {@code %}
 * @param example the longest formatted value of the column, for the warning (not saved with the model)
 */
public record FormattedNumbers(String symbol, boolean percent, String example) {

    /** The currency symbols read: dollar, euro, pound, yen. */
    private static final String SYMBOLS = "$€£¥";
    private static final Pattern GROUPED_POINT = Pattern.compile("[-+]?(0|[1-9]\\d{0,2}(,\\d{3})+)(\\.\\d+)?");
    /** Spaces (plain, no-break, narrow no-break) or apostrophes between groups of three: French, Swiss. */
    private static final String SPACES = "[ \u00A0\u202F'\u2019]";
    private static final Pattern GROUPED_SPACE = Pattern.compile(
            "[-+]?[1-9]\\d{0,2}(" + SPACES + "\\d{3})+([.,]\\d+)?");

    /** Whether {@code text} is a number with a percent sign ({@code 12%}, {@code 1,234.5 %}). */
    static boolean isPercent(String text, boolean decimalComma) {
        String[] parts = split(text);
        return parts != null && !parts[2].isEmpty() && !Double.isNaN(number(parts[1], decimalComma));
    }

    /**
     * Reads the numbers of {@code column}, a column that training read as plain numbers, in rows to predict or evaluate
     * that write them with thousands separators or a currency symbol ({@code "1,234.50"}, {@code $12,000}, as a
     * spreadsheet saves a file again), when every text cell of its {@code rows} is one; not a percent sign, which may
     * stand for a fraction in training ({@code 12%} for 0.12), nor {@code 1,250} in a file that is not comma-separated
     * (1.25 with a decimal comma?). A column of other text is left as it is.
     */
    static void readInPlainColumn(RawColumn column, int rows, CsvFormat format) {
        boolean decimalComma = format.decimalComma();
        FormattedNumbers f = in(column, java.util.stream.IntStream.range(0, rows).toArray(), decimalComma, true);
        if (f != null && !f.percent() && ValueHints.decimalCommaExample(column.texts(), format) == null) {
            column.readFormatted(f, decimalComma);
        }
    }

    /**
     * The format of {@code column}'s values at {@code rows} when at least one is a formatted number, their symbols
     * agree, and (with {@code all}) every present value is a number plainly or formatted; else null.
     */
    static FormattedNumbers in(RawColumn column, int[] rows, boolean decimalComma, boolean all) {
        if (!column.isText()) {
            return null;
        }
        String symbol = null, example = null;
        boolean percent = false;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int r : rows) {
            if (!column.isNotANumber(r) || !seen.add(column.text(r))) {
                continue;
            }
            String text = column.text(r);
            String[] parts = split(text);
            if (parts == null || Double.isNaN(number(parts[1], decimalComma))) {
                if (all) {
                    return null;
                }
                continue;
            }
            if (!parts[0].isEmpty()) {
                if (symbol != null && !symbol.isEmpty() && !symbol.equals(parts[0])) {
                    return null;
                }
                symbol = parts[0];
            }
            percent |= !parts[2].isEmpty();
            example = example == null || text.length() > example.length() ? text : example; // shows the most
        }
        return example == null ? null : new FormattedNumbers(symbol == null ? "" : symbol, percent, example);
    }

    /** {@code text} as a number in this format (or a plain number), NaN when it is neither. */
    float parse(String text, boolean decimalComma) {
        String[] parts = split(text);
        if (parts == null || !parts[0].isEmpty() && !parts[0].equals(symbol) || !parts[2].isEmpty() && !percent) {
            return Float.NaN;
        }
        double v = number(parts[1], decimalComma);
        return Math.abs(v) <= Float.MAX_VALUE ? (float) v : Float.NaN;
    }

    /**
     * What the warning says the values are written with, and the example read: {@code thousands separators and a
     * currency symbol ('$') (e.g. '$1,234.50', read as 1234.5)}.
     */
    String describe(boolean decimalComma) {
        java.util.List<String> ways = new java.util.ArrayList<>();
        String[] parts = split(example);
        if (parts[1].indexOf(decimalComma ? '.' : ',') >= 0 || GROUPED_SPACE.matcher(parts[1]).matches()) {
            ways.add("thousands separators");
        }
        if (!symbol.isEmpty()) {
            ways.add("a currency symbol ('" + symbol + "')");
        }
        if (percent) {
            ways.add("a percent sign");
        }
        if (ways.isEmpty() || example.startsWith("(")) {
            ways.add("parentheses for negative amounts");
        }
        return String.format(Locale.ROOT, "%s (e.g. '%s', read as %s)", String.join(" and ", ways), example,
                java.math.BigDecimal.valueOf(number(parts[1], decimalComma)).stripTrailingZeros().toPlainString());
    }

    /**
     * {@code text} as {sign and symbol, signed number, percent sign}: a leading sign may come before or after a
     * leading symbol, a symbol may also trail, spaces may separate them; null when the symbol is not one of
     * {@link #SYMBOLS} or more than one symbol or percent sign is present.
     */
    private static String[] split(String text) {
        String s = text.strip();
        String sign = "", symbol = "", percent = "";
        if (s.length() > 2 && s.startsWith("(") && s.endsWith(")")) { // accounting: (1,234.00) is -1234
            s = s.substring(1, s.length() - 1).strip();
            if (s.startsWith("-") || s.startsWith("+") || s.startsWith("(")) {
                return null;
            }
            sign = "-";
        }
        if (s.endsWith("%")) {
            percent = "%";
            s = s.substring(0, s.length() - 1).strip();
        }
        if (!s.isEmpty() && SYMBOLS.indexOf(s.charAt(s.length() - 1)) >= 0) {
            symbol = s.substring(s.length() - 1);
            s = s.substring(0, s.length() - 1).strip();
        }
        if (sign.isEmpty() && (s.startsWith("-") || s.startsWith("+"))) {
            sign = s.substring(0, 1);
            s = s.substring(1).strip();
        }
        if (!s.isEmpty() && SYMBOLS.indexOf(s.charAt(0)) >= 0) {
            if (!symbol.isEmpty()) {
                return null;
            }
            symbol = s.substring(0, 1);
            s = s.substring(1).strip();
            if (sign.isEmpty() && (s.startsWith("-") || s.startsWith("+"))) {
                sign = s.substring(0, 1);
                s = s.substring(1);
            }
        }
        if (s.isEmpty() || !Character.isDigit(s.charAt(0)) && s.charAt(0) != '.' && s.charAt(0) != ',') {
            return null;
        }
        return new String[] {symbol, sign + s, percent};
    }

    /**
     * A signed number with optional thousands separators: groups of three digits after a first group of one to three
     * (not starting with 0), {@code ,} between them and {@code .} for the decimals, or the other way round with
     * {@code decimalComma} ({@link Numbers#parse(byte[], int, int, boolean)}), or a space or apostrophe between them
     * ({@code 1 234,50}, {@code 1'234.50}) with either decimal mark; NaN otherwise.
     */
    private static double number(String s, boolean decimalComma) {
        if (GROUPED_SPACE.matcher(s).matches()) {
            s = s.replaceAll(SPACES, "");
        }
        if (!decimalComma) {
            if (s.indexOf(',') >= 0 && !GROUPED_POINT.matcher(s).matches()) {
                return Double.NaN;
            }
            s = s.replace(",", "");
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Numbers.parse(b, 0, b.length, decimalComma);
    }
}
