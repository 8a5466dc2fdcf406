package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The CSV state machine of {@link CsvReader} over one byte range {@code [start, end)} of a file, read with positional
 * reads in 1 MiB chunks. The part that starts at byte 0 reads the header; every other part starts at a line start,
 * assumed (and later checked by {@link #endsAtRecordStart()}) not to lie inside a quoted field.
 *
 * <p>Records of numbers are read by {@link NumericRecord} without the state machine. Otherwise an unquoted cell whose
 * delimiter lies in the same chunk is passed to the table as a slice of the chunk, without a copy; the rest (quoted
 * cells, a cell cut by the chunk's end) goes byte by byte through a scratch buffer.
 */
final class CsvPart {

    static final int CHUNK = 1 << 20;
    private static final int FIELD = 0, QUOTED = 1, QUOTE_IN_QUOTED = 2, AFTER_CR = 3;

    /** Thrown when only the header was asked for and it has been read. */
    private static final class HeaderRead extends RuntimeException {
        HeaderRead() {
            super(null, null, false, false);
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final byte delimiter;
    private final long start;
    private final long end;
    private final boolean atFileEnd;
    private final Supplier<TableBuilder> newTable;
    private final boolean headerOnly;
    private TableBuilder table;
    private final List<byte[]> headerCells = new ArrayList<>();

    private byte[] scratch = new byte[64];
    /** The current cell: {@code cellBytes[cellOff, cellOff + length)}, the scratch buffer or a slice of a chunk. */
    private byte[] cellBytes = scratch;
    private int cellOff;
    private int length;
    private boolean quoted;
    private int column;
    private final long firstLine;
    private long line;
    private long recordLine;
    /** Whether the record so far holds nothing but delimiters and spaces (then it is a blank line). */
    private boolean recordEmpty = true;
    /** Whether a cell after the header's last column held something (a ragged row, not a trailing delimiter). */
    private boolean extraContent;
    private int state = FIELD;

    /**
     * @param newTable  makes the table of part 0 (for the names {@link #header} read), null for a later part
     * @param table     the (empty) table of a later part, null for part 0
     * @param firstLine the line number at {@code start} (1 for part 0; a provisional one for a later part)
     */
    private CsvPart(Path file, FileChannel channel, char delimiter, long start, long end, boolean atFileEnd,
                    Supplier<TableBuilder> newTable, TableBuilder table, long firstLine,
                    boolean headerOnly) {
        this.file = file;
        this.channel = channel;
        this.delimiter = (byte) delimiter;
        this.start = start;
        this.end = end;
        this.atFileEnd = atFileEnd;
        this.newTable = newTable;
        this.table = table;
        this.firstLine = firstLine;
        this.line = firstLine;
        this.recordLine = firstLine;
        this.headerOnly = headerOnly;
    }

    /** The first part: the header and the rows up to {@code end}, into the table {@code newTable} makes. */
    static CsvPart first(Path file, FileChannel channel, char delimiter, long end, boolean atFileEnd,
                         Supplier<TableBuilder> newTable) {
        return new CsvPart(file, channel, delimiter, 0, end, atFileEnd, newTable, null, 1, false);
    }

    /** A later part: rows in {@code [start, end)} into {@code table}, lines counted from {@code firstLine}. */
    static CsvPart later(Path file, FileChannel channel, char delimiter, long start, long end, boolean atFileEnd,
                         TableBuilder table, long firstLine) {
        return new CsvPart(file, channel, delimiter, start, end, atFileEnd, null, table, firstLine, false);
    }

    /**
     * The header's names and the byte just after the header's line end, or null for a file without a non-blank line.
     */
    static Header header(Path file, FileChannel channel, CsvFormat format, long size) throws IOException {
        CsvPart part = new CsvPart(file, channel, format.delimiter(), 0, size, true, null, null, 1, true);
        try {
            part.parse();
        } catch (HeaderRead done) {
            return new Header(HeaderNames.of(file, part.recordLine, part.headerCells, format.encoding()),
                    part.headerEnd);
        }
        return part.headerCells.isEmpty() ? null
                : new Header(HeaderNames.of(file, part.recordLine, part.headerCells, format.encoding()), size);
    }

    record Header(List<String> names, long end) {
    }

    private long headerEnd;

    /** The rows read, after {@link #parse()}; null when the range held no non-blank line (part 0 only). */
    TableBuilder table() {
        return table;
    }

    /** Line breaks ({@code \n}) read: the next part's first line is this part's first line plus these. */
    long newlines() {
        return line - firstLine;
    }

    long firstLine() {
        return firstLine;
    }

    /** Whether the range ended between two records (its last line end was not inside a quoted field). */
    boolean endsAtRecordStart() {
        return state == FIELD && column == 0 && length == 0 && !quoted;
    }

    /** Reads the range; throws {@link DlkitException} for the first malformed or ragged row in it. */
    CsvPart parse() throws IOException {
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, end - start))];
        long position = start;
        while (position < end) {
            int n = read(buf, position, (int) Math.min(buf.length, end - position));
            scan(buf, position == 0 ? byteOrderMark(buf, n) : 0, n, position);
            position += n;
        }
        if (atFileEnd) {
            if (state == QUOTED) {
                throw new DlkitException(String.format(Locale.ROOT,
                        "%s, line %d: not valid CSV (a quoted field opened on this "
                        + "line is never closed)", file, recordLine));
            }
            endRecord();
        }
        return this;
    }

    private int read(byte[] buf, long position, int want) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, want);
        while (bb.hasRemaining()) {
            if (channel.read(bb, position + bb.position()) < 0) {
                throw new IOException("the file ended at byte " + (position + bb.position()) + " while reading it");
            }
        }
        return want;
    }

    private void scan(byte[] buf, int from, int n, long position) {
        int i = from;
        if (state == FIELD && column == 0 && length == 0 && !quoted && recordEmpty) {
            i = numericRecords(buf, i, n);
        }
        for (; i < n; i++) {
            byte b = buf[i];
            switch (state) {
                case AFTER_CR:
                    state = FIELD;
                    if (b == '\n') {
                        line++;
                        i = numericRecords(buf, i + 1, n) - 1;
                        continue;
                    }
                    // fall through: a lone CR ended the record
                case FIELD:
                    if (b == delimiter) {
                        endCell();
                    } else if (b == '\n') {
                        endRecord(position + i + 1);
                        line++;
                        i = numericRecords(buf, i + 1, n) - 1;
                    } else if (b == '\r') {
                        endRecord(position + i + 1);
                        state = AFTER_CR;
                    } else if (length == 0 && !quoted && (b == ' ' || b == '\t')) {
                        continue; // a space before a cell: trimmed, and a quote after it still opens a quoted cell
                    } else if (b == '"' && length == 0 && !quoted) {
                        quoted = true;
                        recordEmpty = false;
                        state = QUOTED;
                    } else if (quoted) {
                        if (b != ' ' && b != '\t') {
                            throw invalid("text after the closing quote of a quoted field"
                                    + ValueHints.backslashQuote(cellBytes, cellOff, length));
                        }
                    } else if (length == 0) {
                        i = startCell(buf, i, n);
                    } else {
                        append(b);
                    }
                    break;
                case QUOTED:
                    if (b == '"') {
                        state = QUOTE_IN_QUOTED;
                    } else {
                        if (b == '\n') {
                            line++;
                        }
                        append(b);
                    }
                    break;
                default: // QUOTE_IN_QUOTED
                    if (b == '"') {
                        append(b);
                        state = QUOTED;
                    } else {
                        state = FIELD;
                        i--; // the quote closed the field; read this byte as after a field
                    }
            }
        }
    }

    private NumericRecord numeric;

    /**
     * Reads whole records of plain numbers from {@code buf[i]} on, the common case, without the state machine; returns
     * where the first record that is not one starts (or {@code n}), for the state machine to go on from there.
     */
    private int numericRecords(byte[] buf, int i, int n) {
        if (table == null || headerOnly || table.keepsText()) {
            return i;
        }
        if (numeric == null) {
            numeric = new NumericRecord(table.numColumns(), table.missing(), delimiter, table.decimalComma(),
                    table::leadingZerosNoted);
        }
        float[] row = numeric.row();
        int next;
        while (i < n && (next = numeric.read(buf, i, n)) >= 0) {
            for (int c = 0; c < row.length; c++) {
                table.acceptNumber(c, row[c]);
            }
            table.endRow(recordLine);
            line++;
            recordLine = line;
            i = next;
        }
        return i;
    }

    /**
     * An unquoted cell starts at {@code buf[i]}: when its delimiter lies in this chunk the cell becomes a slice of it
     * and the delimiter's index minus one is returned; else its first byte goes to the scratch buffer.
     */
    private int startCell(byte[] buf, int i, int n) {
        int j = i + 1;
        while (j < n) {
            byte c = buf[j];
            if (c == delimiter || c == '\n' || c == '\r') {
                break;
            }
            j++;
        }
        if (j == n) {
            append(buf[i]);
            return i;
        }
        cellBytes = buf;
        cellOff = i;
        length = j - i;
        for (int k = i; k < j && recordEmpty; k++) {
            recordEmpty = buf[k] == ' ' || buf[k] == '\t';
        }
        return j - 1;
    }

    private DlkitException invalid(String what) {
        return new DlkitException(String.format(Locale.ROOT, "%s, line %d: not valid CSV (%s)", file, line, what));
    }

    private void append(byte b) {
        if (length == scratch.length) {
            scratch = java.util.Arrays.copyOf(scratch, length * 2);
            cellBytes = scratch;
        }
        scratch[length++] = b;
        if (b != ' ' && b != '\t') {
            recordEmpty = false;
        }
    }

    /** Ends a cell: trimmed (quoted or not: a space around a value is never part of it), given to the table. */
    private void endCell() {
        byte[] c = cellBytes;
        int from = cellOff, to = cellOff + length;
        while (from < to && (c[from] == ' ' || c[from] == '\t')) {
            from++;
        }
        while (to > from && (c[to - 1] == ' ' || c[to - 1] == '\t')) {
            to--;
        }
        if (table == null) {
            headerCells.add(java.util.Arrays.copyOfRange(c, from, to));
        } else if (column >= table.numColumns()) {
            extraContent |= quoted || to > from;
            column++; // counted for the ragged-row message
        } else {
            table.accept(column++, c, from, to - from, recordLine);
        }
        cellBytes = scratch;
        cellOff = 0;
        length = 0;
        quoted = false;
    }

    private void endRecord() {
        endRecord(-1);
    }

    /**
     * Whether the record before the header is Excel's {@code sep=X} line, which names the delimiter (read by
     * {@link #sepDelimiter}) and is no header.
     */
    private boolean sepLine() {
        byte[] first = headerCells.isEmpty() ? cellBytes : headerCells.get(0);
        int from = headerCells.isEmpty() ? cellOff : 0;
        int len = headerCells.isEmpty() ? length : first.length;
        int cells = headerCells.size() + 1;
        return len >= 4 && first[from] == 's' && first[from + 1] == 'e' && first[from + 2] == 'p'
                && first[from + 3] == '=' && (cells == 1 && len == 5 || cells == 2 && len == 4 && length == 0);
    }

    /** 3 when {@code b[0, n)} starts with UTF-8's byte-order mark (dropped), else 0. */
    static int byteOrderMark(byte[] b, int n) {
        return n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    }

    /** The delimiter named by an Excel {@code sep=X} first line of {@code b[from, to)}, or 0. */
    static char sepDelimiter(byte[] b, int from, int to) {
        if (to - from >= 6 && b[from] == 's' && b[from + 1] == 'e' && b[from + 2] == 'p' && b[from + 3] == '='
                && (b[from + 5] == '\n' || b[from + 5] == '\r')
                && new String(CsvFormat.DELIMITERS).indexOf((char) b[from + 4]) >= 0) {
            return (char) b[from + 4];
        }
        return 0;
    }

    /** Ends a record whose line end finishes before {@code next} (the byte after it). */
    private void endRecord(long next) {
        if (recordEmpty || table == null && sepLine()) {
            // a blank line, one of delimiters and spaces only (a spreadsheet's empty row), or Excel's "sep=;" line
            if (table != null) {
                table.dropCells(Math.min(column, table.numColumns()));
                table.blankLine(recordLine);
            }
            headerCells.clear();
            length = 0;
            cellBytes = scratch;
            cellOff = 0;
            column = 0;
            recordLine = line + 1;
            return;
        }
        endCell();
        if (table == null) {
            if (headerOnly) {
                headerEnd = next < 0 ? end : next;
                throw new HeaderRead();
            }
            table = newTable.get(); // for the names read by header() before
        } else if (column == table.numColumns() || column > table.numColumns() && !extraContent) {
            table.endRow(recordLine); // cells after the last column, all empty: a trailing delimiter
        } else if (column == table.numColumns() - 1 && table.lastColumnUnnamed()) {
            table.accept(column, scratch, 0, 0, recordLine); // the header's trailing delimiter, not the row's
            table.endRow(recordLine);
        } else {
            throw new DlkitException(String.format(Locale.ROOT,
                    "%s, line %d: %d cells, expected %d like the header (split at %s)",
                    file, recordLine, column, table.numColumns(), CsvFormat.name((char) delimiter)));
        }
        column = 0;
        extraContent = false;
        recordEmpty = true;
        recordLine = line + 1;
    }
}
