package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A table as read, before any schema is applied: named columns, each either numbers (a float per row, NaN where the
 * cell is missing) or text (a code per row into the column's distinct values, -1 where missing). A column is numbers
 * until a cell that is neither a number nor missing turns it into text; numbers in a text column are kept in one
 * canonical spelling ({@code 3}, {@code 2.5}) so that the same value always gives the same category.
 */
public final class RawTable {

    private final Path source;
    private final List<String> names;
    private final LineNumbers lines;
    private final RawColumn[] columns;
    private final CsvFormat format;
    /** Whether the rows were given in Java ({@link #ofRows}): counted from 1 as rows, not lines of a file. */
    private final boolean givenRows;
    /** The column whose cells are kept as written (null for none), and those texts, one per row. */
    private final String idColumn;
    private final List<String> ids;
    private final BlankLines blanks;
    /** The columns {@link #without} left out, in the order named, so that a check can name {@code --ignore}. */
    private final List<String> leftOut;

    RawTable(Path source, List<String> names, LineNumbers lines, RawColumn[] columns) {
        this(source, names, lines, columns, null, List.of(), new BlankLines());
    }

    RawTable(Path source, List<String> names, LineNumbers lines, RawColumn[] columns, String idColumn,
             List<String> ids, BlankLines blanks) {
        this(source, names, lines, columns, new CsvFormat(',', CsvFormat.Decimal.POINT), false, idColumn, ids,
                blanks, List.of());
    }

    private RawTable(Path source, List<String> names, LineNumbers lines, RawColumn[] columns, CsvFormat format,
                     boolean givenRows, String idColumn, List<String> ids, BlankLines blanks, List<String> leftOut) {
        this.source = source;
        this.names = List.copyOf(names);
        this.lines = lines;
        this.columns = columns;
        this.format = format;
        this.givenRows = givenRows;
        this.idColumn = idColumn;
        this.ids = ids;
        this.blanks = blanks;
        this.leftOut = List.copyOf(leftOut);
    }

    /**
     * Reads a CSV with a header row, its delimiter detected, numbers with decimal points; {@code missing} says which
     * cells hold no value.
     */
    public static RawTable readCsv(Path file, MissingValues missing) {
        return readCsv(file, missing, CsvFormat.DEFAULT);
    }

    /** Reads a CSV with a header row, delimited and its numbers written as {@code format} says. */
    public static RawTable readCsv(Path file, MissingValues missing, CsvFormat format) {
        return CsvReader.read(file, missing, format, null);
    }

    /**
     * {@link #readCsv(Path, MissingValues, CsvFormat)}, keeping the cells of column {@code idColumn} as written (trimmed,
     * never read as numbers: {@code 007} stays {@code 007}), for {@link #id(int)}; a name that is no column of the
     * file is refused before its rows are read.
     */
    public static RawTable readCsv(Path file, MissingValues missing, CsvFormat format, String idColumn) {
        return CsvReader.read(file, missing, format, idColumn);
    }

    /**
     * {@link #readCsv(Path, MissingValues, CsvFormat, String)}, the integer cells of the columns {@code codes} (read
     * as categories) kept as written: {@code 02139} stays {@code 02139} ({@link TableBuilder#keepingCodes}).
     */
    static RawTable readCsv(Path file, MissingValues missing, CsvFormat format, String idColumn,
                            Collection<String> codes) {
        return CsvReader.read(file, missing, format, idColumn, codes);
    }

    /** The column whose cells are kept as written ({@link #readCsv(Path, MissingValues, CsvFormat, String)}), or null. */
    public String idColumn() {
        return idColumn;
    }

    /**
     * The blank lines (and lines of empty cells) skipped between the header and the last row, for a warning:
     * {@code "2 blank lines between the rows were skipped (lines 4, 8)"}; null when there were none. Row {@code k} is
     * then no longer line {@code k + 2} of the file.
     */
    public String blankLinesSkipped() {
        long n = blanks.count();
        if (n == 0) {
            return null;
        }
        List<Long> listed = blanks.lines();
        return String.format(Locale.ROOT,
                "%d blank line%s between the rows %s skipped (line%s %s%s)", n, n == 1 ? "" : "s",
                n == 1 ? "was" : "were", n == 1 ? "" : "s",
                String.join(", ", listed.stream().map(String::valueOf).toList()),
                n > listed.size() ? " and " + (n - listed.size()) + " more" : "");
    }

    /** The cell of {@link #idColumn()} in row {@code r} as written in the file. */
    public String id(int r) {
        if (idColumn == null) {
            throw new IllegalStateException(source + " was read without an ID column");
        }
        return ids.get(r);
    }

    /** The columns {@link #without} left out ({@code --ignore}), in the order named; empty when none. */
    public List<String> leftOut() {
        return leftOut;
    }

    /** How the file was read: its delimiter (as given or detected) and decimal mark. */
    public CsvFormat format() {
        return format;
    }

    /** This table read as {@code f} says. */
    RawTable readAs(CsvFormat f) {
        return new RawTable(source, names, lines, columns, f, givenRows, idColumn, ids, blanks, leftOut);
    }

    /**
     * This table without its last column when the header left it unnamed (a header line ending in a delimiter) and
     * every cell of it is empty.
     */
    RawTable withoutUnnamedLast() {
        int last = names.size() - 1;
        if (last == 0 || !HeaderNames.lastUnnamed(names)) {
            return this;
        }
        for (int r = 0; r < numRows(); r++) {
            if (!columns[last].isMissing(r)) {
                return this;
            }
        }
        return new RawTable(source, names.subList(0, last), lines, Arrays.copyOf(columns, last), format, givenRows,
                idColumn, ids, blanks, leftOut);
    }

    /**
     * This table without the columns {@code leftOut} (a pandas user's {@code df.drop(columns=...)}): columns of a file
     * to predict that the model was not trained on, such as a note or a second ID ({@code predict --ignore}). A name
     * that is no column is refused in one line; {@link #idColumn()} keeps its cells even when its column is left out.
     */
    public RawTable without(Collection<String> leftOut) {
        if (leftOut.isEmpty()) {
            return this;
        }
        for (String name : leftOut) {
            if (!names.contains(name)) {
                throw new DlkitException(String.format(Locale.ROOT, "%s: --ignore names '%s', which is no column%s; "
                        + "the columns are: %s", source, name, ValueHints.otherCase("column", name, names)
                        + ValueHints.commaSplit("ignore", name, names),
                        String.join(", ", names)));
            }
        }
        List<String> kept = names.stream().filter(n -> !leftOut.contains(n)).toList();
        RawColumn[] keptColumns = kept.stream().map(this::column).toArray(RawColumn[]::new);
        List<String> allLeftOut = new ArrayList<>(this.leftOut);
        leftOut.stream().filter(n -> !allLeftOut.contains(n)).forEach(allLeftOut::add);
        return new RawTable(source, kept, lines, keptColumns, format, givenRows, idColumn, ids, blanks, allLeftOut);
    }

    /**
     * A table from rows of text cells (the API's raw rows); {@code source} names it in messages, lines count from 1.
     */
    public static RawTable ofRows(String source, List<String> names, List<? extends List<?>> rows, MissingValues missing) {
        return ofRows(source, names, rows, missing, List.of());
    }

    /** {@link #ofRows(String, List, List, MissingValues)}, the integer cells of {@code codes} kept as written. */
    public static RawTable ofRows(String source, List<String> names, List<? extends List<?>> rows,
                                  MissingValues missing, Collection<String> codes) {
        TableBuilder b = TableBuilder.of(Path.of(source), names, missing).givenRows().keepingCodes(codes);
        long line = 0;
        for (List<?> row : rows) {
            line++;
            if (row.size() != names.size()) {
                throw new DlkitException(String.format(Locale.ROOT,
                        "%s, row %d: %d values, expected %d (%s)", source, line,
                        row.size(), names.size(), String.join(", ", names)));
            }
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                byte[] bytes = (v == null ? "" : v.toString().trim()).getBytes(StandardCharsets.UTF_8);
                b.accept(c, bytes, 0, bytes.length, line);
            }
            b.endRow(line);
        }
        return b.build();
    }

    /** This table as rows given in Java: places in messages say "row N", not "line N". */
    RawTable asGivenRows() {
        return new RawTable(source, names, lines, columns, format, true, null, List.of(), blanks, leftOut);
    }

    /** Numeric columns given as values (image pixels); row i has line number i + 1. */
    static RawTable ofNumbers(Path source, List<String> names, double[][] rows) {
        RawColumn[] columns = new RawColumn[names.size()];
        for (int c = 0; c < columns.length; c++) {
            float[] v = new float[rows.length];
            for (int r = 0; r < rows.length; r++) {
                v[r] = (float) rows[r][c];
            }
            columns[c] = new RawColumn(names.get(c), v, rows.length);
        }
        return new RawTable(source, names, LineNumbers.consecutive(1, rows.length), columns);
    }

    public Path source() {
        return source;
    }

    public List<String> names() {
        return names;
    }

    public int numRows() {
        return lines.size();
    }

    /**
     * The 1-based line of row {@code r} in its file (for rows given in Java, {@code r + 1}; for arrays given to
     * {@link LabelledData#fromArrays}, {@code r}: the arrays' own index).
     */
    public long line(int r) {
        return lines.line(r);
    }

    /** Whether the rows were given in Java ({@link #ofRows}, {@link LabelledData#fromArrays}), not read from a file. */
    boolean givenRows() {
        return givenRows;
    }

    /** What {@link #line} counts: {@code "line"} in a file, {@code "row"} for rows given in Java ({@link #ofRows}). */
    public String lineWord() {
        return givenRows ? "row" : "line";
    }

    /** Where row {@code r} is, for messages: {@code "line 7"} in a file, {@code "row 7"} for rows given in Java. */
    public String place(int r) {
        return lineWord() + " " + line(r);
    }

    public RawColumn column(int c) {
        return columns[c];
    }

    /** The column named {@code name}, or null. */
    public RawColumn column(String name) {
        int c = names.indexOf(name);
        return c < 0 ? null : columns[c];
    }

    /**
     * The index of the column named by {@code spec}: a header name, or a 0-based index; {@code null} means the last.
     */
    public int columnIndex(String spec) {
        return columnIndex(spec, null);
    }

    /**
     * {@link #columnIndex(String)}, with {@code absent} (when not null) said of a {@code spec} that is no column, no
     * index and no other column's name in another case, in place of the general hints: what that column was for.
     */
    int columnIndex(String spec, String absent) {
        if (spec == null) {
            return names.size() - 1;
        }
        int byName = names.indexOf(spec);
        if (byName >= 0) {
            return byName;
        }
        boolean number = spec.matches("\\d{1,9}");
        if (number && Integer.parseInt(spec) < names.size()) {
            return Integer.parseInt(spec);
        }
        String otherCase = ValueHints.otherCase("column", spec, names);
        String hints;
        if (absent != null && !number && otherCase.isEmpty()) {
            hints = absent;
        } else {
            String headerless = ValueHints.headerLooksLikeData(names);
            String index = number ? String.format(Locale.ROOT,
                    " (as a 0-based index: the columns are 0 to %d)", names.size() - 1) : "";
            hints = index + otherCase + (headerless == null ? "" : " (" + headerless + ")");
        }
        throw new DlkitException(String.format(Locale.ROOT, "%s: no column '%s'%s; the columns are: %s", source, spec,
                hints, String.join(", ", names)));
    }}
