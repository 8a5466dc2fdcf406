package org.dlkit.data;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The cells that mean "no value": the empty cell, Excel's error values ({@link #EXCEL_ERRORS}: {@code #N/A},
 * {@code #DIV/0!}, ..., which a spreadsheet export writes where a formula has no result) and, by default, {@code NA},
 * {@code N/A}, {@code null}, {@code ?} and {@code NaN} (compared without regard to case). The tokens given replace the
 * default ones only: the empty cell and Excel's error values are always missing.
 */
public final class MissingValues {

    /**
     * Excel's error values, always missing: no number and no category is written so (declared before
     * {@link #DEFAULT}, whose constructor uses it).
     */
    public static final List<String> EXCEL_ERRORS = List.of("#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
            "#NULL!");

    /** The empty cell, {@code NA}, {@code N/A}, {@code null}, {@code ?} and {@code NaN}. */
    public static final MissingValues DEFAULT = new MissingValues(List.of("NA", "N/A", "null", "?", "NaN"));

    private final List<String> tokens;
    /** The tokens and {@link #EXCEL_ERRORS} in lower case, as bytes, for comparing cells without making Strings. */
    private final byte[][] lower;
    /** Whether some token starts with this byte (lower case): most numeric cells are rejected at their first byte. */
    private final boolean[] firstByte = new boolean[256];

    /** The texts besides the empty cell that mean "no value". */
    public MissingValues(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        List<String> all = new java.util.ArrayList<>(this.tokens);
        all.addAll(EXCEL_ERRORS);
        this.lower = new byte[all.size()][];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = all.get(i).trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            if (lower[i].length > 0) {
                firstByte[lower[i][0] & 0xFF] = true;
            }
        }
    }

    /** The texts besides the empty cell and {@link #EXCEL_ERRORS}, as given. */
    public List<String> tokens() {
        return tokens;
    }

    /** Whether the trimmed cell {@code c[off, off+len)} is missing. */
    boolean isMissing(byte[] c, int off, int len) {
        if (len == 0) {
            return true;
        }
        if (!firstByte[lowerCase(c[off])]) {
            return false;
        }
        for (byte[] t : lower) {
            if (t.length == len && matches(t, c, off)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a cell starting with {@code first} may be one of the tokens (the empty cell aside). */
    boolean mayStartToken(byte first) {
        return firstByte[lowerCase(first)];
    }

    private static int lowerCase(byte b) {
        int v = b & 0xFF;
        return v >= 'A' && v <= 'Z' ? v + ('a' - 'A') : v;
    }

    private static boolean matches(byte[] token, byte[] c, int off) {
        for (int i = 0; i < token.length; i++) {
            if ((token[i] & 0xFF) != lowerCase(c[off + i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether a text value (a map entry, a row from the API) is missing. */
    public boolean isMissing(String value) {
        if (value == null) {
            return true;
        }
        byte[] b = value.trim().getBytes(StandardCharsets.UTF_8);
        return isMissing(b, 0, b.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MissingValues m && m.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "MissingValues" + tokens;
    }
}
