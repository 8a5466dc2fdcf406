package org.dlkit.data;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Decimal numbers parsed from bytes without making a String: {@code [-+−]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?}, what
 * spreadsheets and pandas write ({@code −}, U+2212, is the minus sign of some locales' spreadsheets). Anything else
 * (hexadecimal, thousands separators, text) is not a number.
 */
final class Numbers {

    private static final double[] POW10 = new double[23];
    /** U+2212, the minus sign, in UTF-8: Excel writes it for negative numbers in some locales (Swedish, Finnish). */
    private static final byte[] UNICODE_MINUS = "\u2212".getBytes(StandardCharsets.UTF_8);
    /** {@code inf}, {@code -Infinity} and the like, compiled once: it is tried on every text cell of a file. */
    private static final Pattern INFINITY = Pattern.compile("(?i)[-+]?(inf|infinity)");

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Numbers() {
    }

    /** The value of {@code c[off, off+len)}, or NaN when it is not a plain decimal number. */
    static double parse(byte[] c, int off, int len) {
        int i = off, end = off + len;
        boolean negative = false;
        if (i < end && (c[i] == '-' || c[i] == '+')) {
            negative = c[i] == '-';
            i++;
        } else if (isUnicodeMinus(c, i, end)) {
            negative = true;
            i += UNICODE_MINUS.length;
        }
        int unsigned = i;
        long mantissa = 0;
        int digits = 0, dropped = 0, fraction = 0;
        boolean any = false, point = false;
        for (; i < end; i++) {
            if (c[i] == '.' && !point) {
                point = true;
                continue;
            }
            if (c[i] < '0' || c[i] > '9') {
                break;
            }
            any = true;
            if (digits < 18) {
                mantissa = mantissa * 10 + (c[i] - '0');
                if (mantissa != 0) {
                    digits++;
                }
                if (point) {
                    fraction++;
                }
            } else if (!point) {
                dropped++;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < end && (c[i] == 'e' || c[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < end && (c[i] == '-' || c[i] == '+')) {
                expNegative = c[i] == '-';
                i++;
            }
            if (i == end) {
                return Double.NaN;
            }
            while (i < end && c[i] >= '0' && c[i] <= '9') {
                exponent = Math.min(exponent * 10 + (c[i] - '0'), 100_000);
                i++;
            }
            exponent = expNegative ? -exponent : exponent;
        }
        if (i != end) {
            return Double.NaN;
        }
        double value = exact(mantissa, exponent + dropped - fraction, negative);
        return Double.isNaN(value) ? (negative ? -1 : 1)
                * Double.parseDouble(new String(c, unsigned, end - unsigned, StandardCharsets.US_ASCII)) : value;
    }

    /** Whether {@code c[i, end)} starts with U+2212, the minus sign (in UTF-8). */
    static boolean isUnicodeMinus(byte[] c, int i, int end) {
        return end - i >= UNICODE_MINUS.length && c[i] == UNICODE_MINUS[0] && c[i + 1] == UNICODE_MINUS[1]
                && c[i + 2] == UNICODE_MINUS[2];
    }

    /**
     * {@code ±mantissa × 10^scale} when both the mantissa (below 2^53) and the power of ten (up to 10^22) are exact
     * doubles, so that one multiplication or division rounds it correctly; else NaN.
     */
    static double exact(long mantissa, int scale, boolean negative) {
        double value;
        if (mantissa == 0) {
            value = 0;
        } else if (mantissa >= (1L << 53)) {
            return Double.NaN;
        } else if (scale >= 0 && scale < POW10.length) {
            value = mantissa * POW10[scale];
        } else if (scale < 0 && -scale < POW10.length) {
            value = mantissa / POW10[-scale];
        } else {
            return Double.NaN;
        }
        return negative ? -value : value;
    }

    /**
     * The value of {@code c[off, off+len)} written with a decimal comma ({@code 1,5}, {@code 1.234,5},
     * {@code -0,25e3}), or NaN when it is not such a number: a point may only separate groups of three digits before
     * the comma ({@code 1.234.567}), so {@code 12.5} is not a number here. With {@code decimalComma} false:
     * {@link #parse}.
     */
    static double parse(byte[] c, int off, int len, boolean decimalComma) {
        if (!decimalComma) {
            return parse(c, off, len);
        }
        byte[] t = new byte[len];
        int k = 0, groups = 0, sinceSeparator = 0, i = off, end = off + len;
        boolean inInteger = true;
        if (i < end && (c[i] == '-' || c[i] == '+')) {
            t[k++] = c[i++];
        } else if (isUnicodeMinus(c, i, end)) {
            t[k++] = '-';
            i += UNICODE_MINUS.length;
        }
        for (; i < end; i++) {
            byte b = c[i];
            if (inInteger && b == '.') {
                if (groups == 0 ? sinceSeparator < 1 || sinceSeparator > 3 : sinceSeparator != 3) {
                    return Double.NaN;
                }
                groups++;
                sinceSeparator = 0;
                continue;
            }
            if (inInteger && (b == ',' || b == 'e' || b == 'E')) {
                if (groups > 0 && sinceSeparator != 3) {
                    return Double.NaN;
                }
                inInteger = false;
                b = b == ',' ? (byte) '.' : b;
            } else if (b == '.' || b == ',') {
                return Double.NaN;
            }
            sinceSeparator++;
            t[k++] = b;
        }
        if (inInteger && groups > 0 && sinceSeparator != 3) {
            return Double.NaN;
        }
        return parse(t, 0, k);
    }

    /** {@code inf}, {@code -Infinity} and the like. */
    static boolean isInfinity(String text) {
        return INFINITY.matcher(text).matches();
    }
}
