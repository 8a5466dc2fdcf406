package org.dlkit.data;

import java.util.Arrays;
import java.util.List;

/**
 * The file line of each row of a table, for messages. Rows on consecutive lines (no blank line, no line break inside
 * quotes: the usual large file) cost nothing: only the first line is kept until a row breaks the run, and the array of
 * lines (8 bytes a row) is made then.
 */
final class LineNumbers {

    private long first;
    /** Null while row r is on line first + r. */
    private long[] lines;
    private int size;

    /** Rows 0..rows-1 on lines first..first+rows-1. */
    static LineNumbers consecutive(long first, int rows) {
        LineNumbers n = new LineNumbers();
        n.first = first;
        n.size = rows;
        return n;
    }

    int size() {
        return size;
    }

    long line(int r) {
        return lines == null ? first + r : lines[r];
    }

    /** Adds a row on {@code line}. */
    void add(long line) {
        if (lines == null) {
            if (size == 0) {
                first = line;
            }
            if (line == first + size) {
                size++;
                return;
            }
            lines = new long[size + (size >> 1) + 16];
            Arrays.setAll(lines, r -> r < size ? first + r : 0);
        } else if (size == lines.length) {
            lines = Arrays.copyOf(lines, size + (size >> 1));
        }
        lines[size++] = line;
    }

    /** No room kept for more rows. */
    void trim() {
        if (lines != null && lines.length != size) {
            lines = Arrays.copyOf(lines, size);
        }
    }

    /** The rows of {@code parts} one after the other, {@code offsets[k]} added to the lines of part {@code k}. */
    static LineNumbers concat(List<LineNumbers> parts, long[] offsets) {
        LineNumbers out = new LineNumbers();
        for (int k = 0; k < parts.size(); k++) {
            LineNumbers p = parts.get(k);
            if (out.lines == null && p.lines == null && p.size > 0
                    && (out.size == 0 || p.first + offsets[k] == out.first + out.size)) {
                if (out.size == 0) {
                    out.first = p.first + offsets[k];
                }
                out.size += p.size; // one run of consecutive lines still
            } else {
                for (int r = 0; r < p.size; r++) {
                    out.add(p.line(r) + offsets[k]);
                }
            }
        }
        out.trim();
        return out;
    }
}
