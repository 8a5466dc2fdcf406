package org.dlkit.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The blank lines (and lines of empty cells, a spreadsheet's {@code ;;;} rows) that the reader skipped between a
 * table's first and last rows: prediction {@code k} is then no longer beside line {@code k + 1} of the file. Blank
 * lines after the last row (a file ending in an empty line) move nothing and are not counted. Keeps the count and
 * the first {@link #LISTED} lines.
 */
final class BlankLines {

    /** Lines named in a message. */
    static final int LISTED = 3;

    private final List<Long> first = new ArrayList<>();
    /** Blank lines seen, and how many of them came before the last row. */
    private long seen;
    private long beforeLastRow;

    /** A blank line on {@code line}. */
    void add(long line) {
        seen++;
        if (first.size() < LISTED) {
            first.add(line);
        }
    }

    /** A row ended: the blank lines so far lie between rows (or between the header and a row). */
    void rowEnded() {
        beforeLastRow = seen;
    }

    /** Blank lines skipped before the last row. */
    long count() {
        return beforeLastRow;
    }

    /** The first of them, at most {@link #LISTED}. */
    List<Long> lines() {
        return first.subList(0, (int) Math.min(first.size(), beforeLastRow));
    }

    /**
     * The blank lines of ranges read one after the other, {@code offsets[k]} added to the lines of range {@code k};
     * {@code hasRows[k]}: whether range {@code k} held a row (a range's trailing blank lines lie between rows when a
     * later range has one).
     */
    static BlankLines concat(List<BlankLines> parts, long[] offsets, boolean[] hasRows) {
        BlankLines out = new BlankLines();
        for (int k = 0; k < parts.size(); k++) {
            BlankLines p = parts.get(k);
            for (long line : p.first) {
                out.add(line + offsets[k]);
            }
            out.seen += p.seen - p.first.size();
            if (hasRows[k]) {
                out.beforeLastRow = out.seen - (p.seen - p.beforeLastRow);
            }
        }
        return out;
    }
}
