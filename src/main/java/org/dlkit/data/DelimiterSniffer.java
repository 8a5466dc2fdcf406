package org.dlkit.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a CSV's delimiter from its first bytes, as a user would by looking at it: each of {@code ,} {@code ;} tab
 * {@code |} splits the header line (outside double quotes) into some number of cells H; a delimiter is
 * <em>consistent</em> when each of the first {@link #ROWS} data rows splits into H cells too (or more, the extra ones
 * empty: a trailing delimiter; or H − 1 when the header's last name is empty). The consistent delimiter with the
 * largest H ≥ 2 wins, ties going to the earlier in {@code , ; tab |}; when none is consistent, the largest H ≥ 2 (so
 * that the ragged row is reported with the likeliest delimiter); when none splits the header, the comma.
 */
final class DelimiterSniffer {

    /** Data rows looked at after the header. */
    static final int ROWS = 20;

    private DelimiterSniffer() {
    }

    /**
     * The delimiter of the text {@code b[from, to)} (the start of a file, a byte-order mark skipped); {@code whole}
     * says whether it is the whole file (else its last record, maybe cut, is not looked at).
     */
    static char detect(byte[] b, int from, int to, boolean whole) {
        char best = ',';
        int bestCells = 1;
        boolean bestConsistent = false;
        for (char d : CsvFormat.DELIMITERS) {
            List<List<Boolean>> records = records(b, from, to, whole, (byte) d);
            if (records.isEmpty()) {
                return ',';
            }
            List<Boolean> header = records.get(0);
            int h = header.size();
            boolean consistent = true;
            for (List<Boolean> row : records.subList(1, records.size())) {
                consistent &= fits(row, header);
            }
            boolean better = consistent && !bestConsistent ? h >= 2 : consistent == bestConsistent && h > bestCells;
            if (better) {
                best = d;
                bestCells = h;
                bestConsistent = consistent;
            }
        }
        return best;
    }

    /**
     * Whether {@code b} is valid UTF-8 (a sequence cut by the end of a sample that is not the {@code whole} file
     * aside); when it is not, the file is taken for Windows-1252, Excel's plain "CSV" in western Europe.
     */
    static boolean isUtf8(byte[] b, boolean whole) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int more = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
                    : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
            if (more < 0) {
                return false;
            }
            if (i + more >= b.length) {
                return !whole;
            }
            for (int k = 1; k <= more; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += more + 1;
        }
        return true;
    }

    /** Whether a row of cells (true: the cell holds something) lines up with the header's cells. */
    private static boolean fits(List<Boolean> row, List<Boolean> header) {
        int h = header.size();
        if (row.size() == h) {
            return true;
        }
        if (row.size() == h - 1) {
            return !header.get(h - 1);
        }
        return row.size() > h && !row.subList(h, row.size()).contains(true);
    }

    /**
     * The first records (the header and up to {@link #ROWS} rows; blank lines skipped), each as whether each of its
     * cells holds something, split at {@code d} with RFC 4180 quoting: a quote opens a quoted cell only at the cell's
     * start (after spaces), {@code ""} inside it is a quote, line breaks inside it belong to the cell.
     */
    private static List<List<Boolean>> records(byte[] b, int from, int to, boolean whole, byte d) {
        List<List<Boolean>> records = new ArrayList<>();
        List<Boolean> cells = new ArrayList<>();
        boolean inQuotes = false, content = false, cellStart = true;
        for (int i = from; i < to && records.size() <= ROWS; i++) {
            byte c = b[i];
            if (inQuotes) {
                if (c == '"' && i + 1 < to && b[i + 1] == '"') {
                    i++;
                } else if (c == '"') {
                    inQuotes = false;
                }
                continue;
            }
            if (c == d) {
                cells.add(content);
                content = false;
                cellStart = true;
            } else if (c == '\n' || c == '\r') {
                cells.add(content);
                if (cells.contains(true)) {
                    records.add(cells);
                }
                cells = new ArrayList<>();
                content = false;
                cellStart = true;
            } else if (c == '"' && cellStart) {
                inQuotes = true;
                content = true;
                cellStart = false;
            } else if (c != ' ' && c != '\t') {
                content = true;
                cellStart = false;
            }
        }
        if ((whole || records.isEmpty()) && !inQuotes && records.size() <= ROWS) {
            cells.add(content); // the last line of the file, or a header longer than the sample
            if (cells.contains(true)) {
                records.add(cells);
            }
        }
        return records;
    }
}
