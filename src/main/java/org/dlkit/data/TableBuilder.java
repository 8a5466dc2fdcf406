package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Collects a {@link RawTable}'s cells row by row; several of them read ranges of one file side by side. */
final class TableBuilder {

    /** The most floats in one block of columns (Java's largest array, less a margin). */
    private static final int MAX_BLOCK = Integer.MAX_VALUE - 16;

    private final Path source;
    private final List<String> names;
    private final MissingValues missing;
    /** How the file is written: its decimal mark and encoding. */
    private final CsvFormat format;
    private final RawColumn[] columns;
    private final LineNumbers lines = new LineNumbers();
    private int rows;
    /** The column whose cells are also kept as written (an ID column), -1 for none; and those texts. */
    private int idColumn = -1;
    private final List<String> ids = new ArrayList<>();
    private final BlankLines blanks = new BlankLines();
    /** Per column, whether its integer cells are kept as written ({@link #keepingCodes}). */
    private boolean[] codeColumns;
    /** Whether the rows are given in Java ({@link #givenRows}), not read from a file. */
    private boolean givenRows;

    /** Column {@code c}'s numbers go to {@code block[c * region + offset, + rows)}, or its own array. */
    private TableBuilder(Path source, List<String> names, MissingValues missing, CsvFormat format, int rows,
                         float[] block, int region, int offset) {
        this.source = source;
        this.names = names;
        this.missing = missing;
        this.format = format;
        this.columns = new RawColumn[names.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = block != null ? new RawColumn(names.get(c), block, c * region + offset, rows)
                    : new RawColumn(names.get(c), rows);
        }
    }

    /** Rows given in Java: messages, here and from the table built, say "row N", not "line N". */
    TableBuilder givenRows() {
        givenRows = true;
        return this;
    }

    /** What a row is called in messages: "line" in a file, "row" for rows given in Java. */
    private String lineWord() {
        return givenRows ? "row" : "line";
    }

    int numColumns() {
        return columns.length;
    }

    /**
     * Keeps the cells of column {@code c} as written, beside the column itself (an ID column: {@code 007} and
     * {@code 12345678901} are texts, not the floats 7 and 1.2345679E10); -1 for none. Records of numbers then go
     * through {@link #accept} too.
     */
    TableBuilder keepingText(int c) {
        idColumn = c;
        return this;
    }

    /**
     * Reads the columns named {@code codes} as categories written with digits, as pandas' {@code dtype=str} does:
     * a cell of digits only is kept as written ({@code 02139}, {@code 20240017}: a float would drop the zero and merge
     * codes above 2^24), any other number in its canonical spelling ({@code 1.0} is {@code 1}). Names that are no
     * column are passed over. Records of numbers then go through {@link #accept} too.
     */
    TableBuilder keepingCodes(Collection<String> codes) {
        for (int c = 0; c < columns.length; c++) {
            if (codes.contains(names.get(c))) {
                codeColumns = codeColumns != null ? codeColumns : new boolean[columns.length];
                codeColumns[c] = true;
            }
        }
        return this;
    }

    /** Whether a column's cells are kept as written ({@link #keepingText}, {@link #keepingCodes}). */
    boolean keepsText() {
        return idColumn >= 0 || codeColumns != null;
    }

    /** Whether the header's last name is empty (a header line ending in a delimiter). */
    boolean lastColumnUnnamed() {
        return HeaderNames.lastUnnamed(names);
    }

    /** The trimmed cell {@code c[off, off+len)} of column {@code column} in the current row. */
    void accept(int column, byte[] c, int off, int len, long line) {
        RawColumn col = columns[column];
        if (column == idColumn) {
            ids.add(new String(c, off, len, format.encoding()));
        }
        if (missing.isMissing(c, off, len)) {
            col.addNumber(Float.NaN);
            return;
        }
        double v = Numbers.parse(c, off, len, format.decimalComma());
        if (!Double.isNaN(v)) {
            float f = (float) v;
            if (Float.isInfinite(f)) {
                throw new DlkitException(String.format(Locale.ROOT,
                        "%s, %s %d, column '%s': '%s' is out of the range of a float; expected a number below "
                        + "3.4e38 in magnitude (dlkit reads 32-bit floats: rescale the column, e.g. take its "
                        + "logarithm)", source, lineWord(), line, col.name,
                        new String(c, off, len, format.encoding())));
            }
            if (col.leadingZeros() == null && len > 1 && c[off] == '0' && digitsOnly(c, off, len)) {
                col.sawLeadingZeros(new String(c, off, len, StandardCharsets.US_ASCII));
            }
            if (codeColumns != null && codeColumns[column]) {
                col.addNumberAsText(digitsOnly(c, off, len) ? new String(c, off, len, StandardCharsets.US_ASCII)
                        : RawColumn.canonical(f), f);
                return;
            }
            col.addNumber(f);
            return;
        }
        String text = new String(c, off, len, format.encoding());
        if (Numbers.isInfinity(text)) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "%s, %s %d, column '%s': '%s' is not a finite number; "
                    + "infinity is not allowed", source, lineWord(), line, col.name, text));
        }
        col.addText(text, line);
    }

    private static boolean digitsOnly(byte[] c, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (c[i] < '0' || c[i] > '9') {
                return false;
            }
        }
        return len > 0;
    }

    /** A number (NaN: missing) as the cell of {@code column} in the current row, as {@link #accept} stores it. */
    void acceptNumber(int column, float v) {
        columns[column].addNumber(v);
    }

    /** Whether an integer written with a leading zero ({@code 02139}) was noted in {@code column} already. */
    boolean leadingZerosNoted(int column) {
        return columns[column].leadingZeros() != null;
    }

    MissingValues missing() {
        return missing;
    }

    /** Whether numbers are written with decimal commas. */
    boolean decimalComma() {
        return format.decimalComma();
    }

    /** Takes back the cells of columns {@code 0..n-1} given since the last row (a record found to be blank). */
    void dropCells(int n) {
        for (int c = 0; c < n; c++) {
            columns[c].dropLast();
        }
        if (idColumn >= 0 && idColumn < n) {
            ids.remove(ids.size() - 1);
        }
    }

    void endRow(long line) {
        lines.add(line);
        rows++;
        blanks.rowEnded();
    }

    /** A blank line (or a line of empty cells) on {@code line}, skipped. */
    void blankLine(long line) {
        blanks.add(line);
    }

    RawTable build() {
        for (RawColumn c : columns) {
            c.trim();
        }
        lines.trim();
        RawTable table = new RawTable(source, names, lines, columns, idColumn < 0 ? null : names.get(idColumn), ids,
                blanks);
        return givenRows ? table.asGivenRows() : table;
    }

    /** A builder of rows whose numbers have decimal points. */
    static TableBuilder of(Path source, List<String> names, MissingValues missing) {
        return of(source, names, missing, new CsvFormat(',', CsvFormat.Decimal.POINT, StandardCharsets.UTF_8), 1024);
    }

    /** A builder with room for {@code capacity} rows before its arrays grow. */
    static TableBuilder of(Path source, List<String> names, MissingValues missing, CsvFormat format, int capacity) {
        return builders(source, names, missing, format, new int[] {capacity}).get(0);
    }

    /**
     * Builders for ranges of one file read side by side, with room for {@code capacities[k]} rows in builder
     * {@code k}, whose numeric columns share one block: column {@code c} holds one region of the block, cut into one
     * slice per builder in order, so that {@link #concat} puts the ranges together by moving numbers down within
     * the block, with no second copy of the table. A large block is allocated straight into the old generation
     * instead of being copied by every young collection while the table is read.
     */
    static List<TableBuilder> builders(Path source, List<String> names, MissingValues missing, CsvFormat format,
                                       int[] capacities) {
        long region = 0;
        for (int capacity : capacities) {
            region += Math.max(16, capacity);
        }
        long cells = region * names.size();
        float[] block = cells <= MAX_BLOCK ? new float[(int) cells] : null;
        List<TableBuilder> builders = new ArrayList<>();
        int offset = 0;
        for (int capacity : capacities) {
            builders.add(new TableBuilder(source, names, missing, format, Math.max(16, capacity), block,
                    (int) region, offset));
            offset += Math.max(16, capacity);
        }
        return builders;
    }

    /**
     * The rows of {@code parts} one after the other; {@code lineOffsets[k]} is added to the line numbers of part
     * {@code k}. Each part's column is released once copied, so the copy holds one column more than the parts.
     */
    static RawTable concat(List<TableBuilder> parts, long[] lineOffsets) {
        TableBuilder first = parts.get(0);
        int rows = 0;
        for (TableBuilder p : parts) {
            rows += p.rows;
        }
        LineNumbers lines = LineNumbers.concat(parts.stream().map(p -> p.lines).toList(), lineOffsets);
        RawColumn[] columns = new RawColumn[first.columns.length];
        List<RawColumn> pieces = new ArrayList<>(parts.size());
        for (int c = 0; c < columns.length; c++) {
            pieces.clear();
            for (TableBuilder p : parts) {
                pieces.add(p.columns[c]);
                p.columns[c] = null;
            }
            columns[c] = RawColumn.concat(pieces, lineOffsets, rows);
        }
        List<String> ids = new ArrayList<>(first.idColumn < 0 ? 0 : rows);
        for (TableBuilder p : parts) {
            ids.addAll(p.ids);
            p.ids.clear();
        }
        boolean[] hasRows = new boolean[parts.size()];
        for (int k = 0; k < hasRows.length; k++) {
            hasRows[k] = parts.get(k).rows > 0;
        }
        BlankLines blanks = BlankLines.concat(parts.stream().map(p -> p.blanks).toList(), lineOffsets, hasRows);
        return new RawTable(first.source, first.names, lines, columns,
                first.idColumn < 0 ? null : first.names.get(first.idColumn), ids, blanks);
    }
}
