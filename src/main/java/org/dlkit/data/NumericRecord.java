package org.dlkit.data;

import java.util.function.IntPredicate;

/**
 * The fast path of {@link CsvPart}: a record of numbers read straight from the read buffer into a row of floats, or
 * refused (without side effects) so that the CSV state machine reads it instead. The values are those the state
 * machine and {@link TableBuilder#accept} would give, bit for bit.
 */
final class NumericRecord {

    private final float[] row;
    private final MissingValues missing;
    /** The cell delimiter and the decimal mark ({@code .}, or {@code ,} with decimal commas). */
    private final byte delimiter, point;
    private final boolean decimalComma;
    /** Whether the last cell read by {@link #cell} held something (not only spaces). */
    private boolean cellContent;
    /**
     * Whether a column's first integer written with a leading zero has been noted already (by the state machine, in
     * {@link RawColumn#sawLeadingZeros}); its later ones are read here, as numbers, like any other.
     */
    private final IntPredicate zerosNoted;

    NumericRecord(int columns, MissingValues missing, byte delimiter, boolean decimalComma, IntPredicate zerosNoted) {
        this.row = new float[columns];
        this.missing = missing;
        this.zerosNoted = zerosNoted;
        this.delimiter = delimiter;
        this.decimalComma = decimalComma;
        this.point = decimalComma ? (byte) ',' : (byte) '.';
    }

    /** The last record read: a float per column, NaN where missing. */
    float[] row() {
        return row;
    }

    /**
     * Reads the record at {@code buf[p]} into {@link #row()} when every cell is empty, a missing-value token or a
     * number (quoted or not), there are as many cells as columns, some cell holds something, and its line end
     * ({@code \n} or {@code \r\n}) lies in this chunk; returns the index after the line end, or -1 when the record is
     * anything else (text, escaped quotes, a blank line or one of empty cells, a ragged row, a number out of float
     * range, a number with a leading zero such as {@code 02139} in a column where none was noted yet), left to the state
     * machine. Plain decimals
     * ({@code -?\d*\.?\d*}, the point a comma with decimal commas; at most 16 significant digits) are read in the
     * same pass that finds their end ({@link Numbers#exact} rounds them as {@link Numbers#parse} does); other cells go
     * through {@link #cell}.
     */
    int read(byte[] buf, int p, int n) {
        float[] values = row;
        int last = values.length - 1;
        boolean content = false;
        for (int c = 0; c <= last; c++) {
            if (p >= n) {
                return -1;
            }
            int s = p;
            byte b = buf[p];
            double v = Double.NaN;
            if (b == delimiter || b == '\n' || b == '\r') {
                v = Double.NaN; // an empty cell
            } else {
                if (b == '0' && p + 1 < n && buf[p + 1] >= '0' && buf[p + 1] <= '9' && !zerosNoted.test(c)) {
                    return -1; // 02139: a code? the state machine notes it (RawColumn#sawLeadingZeros)
                }
                if (!missing.mayStartToken(b)) {
                    boolean negative = b == '-';
                    if (negative) {
                        p++;
                    }
                    long mantissa = 0;
                    int digits = 0, fraction = 0;
                    boolean point = false, any = false;
                    for (; p < n; p++) {
                        int d = buf[p] - '0';
                        if (d >= 0 && d <= 9) {
                            mantissa = mantissa * 10 + d;
                            digits += mantissa != 0 ? 1 : 0;
                            fraction += point ? 1 : 0;
                            any = true;
                        } else if (buf[p] == this.point && !point) {
                            point = true;
                        } else {
                            break;
                        }
                    }
                    if (any && digits <= 16 && p < n && (buf[p] == delimiter || buf[p] == '\n' || buf[p] == '\r')) {
                        v = Numbers.exact(mantissa, -fraction, negative);
                        content = true;
                    }
                }
                if (Double.isNaN(v)) {
                    p = cell(buf, s, n, c);
                    if (p < 0) {
                        return -1;
                    }
                    v = cellValue;
                    content |= cellContent;
                }
            }
            values[c] = (float) v;
            if (p >= n) {
                return -1;
            }
            byte d = buf[p];
            if (c < last) {
                if (d != delimiter) {
                    return -1;
                }
                p++;
            } else if (!content) {
                return -1; // a line of empty cells: blank
            } else if (d == '\n') {
                return p + 1;
            } else if (d == '\r' && p + 1 < n && buf[p + 1] == '\n') {
                return p + 2;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** The value of the last cell read by {@link #cell}: a finite number, or NaN when missing. */
    private double cellValue;

    /**
     * The cell at {@code buf[s]} (unquoted and trimmed, or quoted without quotes inside), as
     * {@link TableBuilder#accept} reads it: missing (NaN) or a number that fits a float, into {@link #cellValue};
     * returns the index of its delimiter, or -1 when it is text, out of range, cut by the chunk's end, or quoted with a
     * quote inside or text after the closing quote. Quoted or not, the cell is trimmed.
     */
    private int cell(byte[] buf, int s, int n, int column) {
        int from, to, j;
        if (buf[s] == '"') { // "...": when no quote inside and the delimiter right after
            j = s + 1;
            while (j < n && buf[j] != '"') {
                j++;
            }
            if (j + 1 >= n || buf[j + 1] != delimiter && buf[j + 1] != '\n' && buf[j + 1] != '\r') {
                return -1;
            }
            from = s + 1;
            to = j++;
        } else {
            j = s;
            while (j < n && buf[j] != delimiter && buf[j] != '\n' && buf[j] != '\r') {
                j++;
            }
            if (j >= n) {
                return -1;
            }
            from = s;
            to = j;
        }
        while (from < to && (buf[from] == ' ' || buf[from] == '\t')) {
            from++;
        }
        while (to > from && (buf[to - 1] == ' ' || buf[to - 1] == '\t')) {
            to--;
        }
        if (to - from > 1 && buf[from] == '0' && buf[from + 1] >= '0' && buf[from + 1] <= '9'
                && !zerosNoted.test(column)) {
            return -1; // "02139", quoted: as above
        }
        cellContent = buf[s] == '"' || from < to;
        if (missing.isMissing(buf, from, to - from)) {
            cellValue = Double.NaN;
            return j;
        }
        double v = Numbers.parse(buf, from, to - from, decimalComma);
        if (Double.isNaN(v) || Float.isInfinite((float) v)) {
            return -1;
        }
        cellValue = v;
        return j;
    }
}
