package org.dlkit.data;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The cells that mean "no value": the empty cell and, by default, {@code NA}, {@code N/A}, {@code null}, {@code ?} and
 * {@code NaN} (compared without regard to case).
 *
 * @param tokens the texts besides the empty cell, as given
 */
public record MissingValues(List<String> tokens) {

    /** The empty cell, {@code NA}, {@code N/A}, {@code null}, {@code ?} and {@code NaN}. */
    public static final MissingValues DEFAULT = new MissingValues(List.of("NA", "N/A", "null", "?", "NaN"));

    public MissingValues {
        tokens = List.copyOf(tokens);
    }

    /** Whether the trimmed cell {@code c[off, off+len)} is missing. */
    boolean isMissing(byte[] c, int off, int len) {
        if (len == 0) {
            return true;
        }
        for (String t : tokens) {
            if (t.length() == len && matches(t, c, off)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String token, byte[] c, int off) {
        for (int i = 0; i < token.length(); i++) {
            int a = Character.toLowerCase(token.charAt(i));
            int b = c[off + i] & 0xFF;
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (a != b) {
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
        byte[] b = value.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return isMissing(b, 0, b.length);
    }
}
