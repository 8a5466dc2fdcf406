package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file (RFC 4180: comma-separated, fields optionally in double quotes, a doubled quote inside quotes is a
 * quote, line breaks inside quotes kept) straight from its bytes into a {@link RawTable}: numeric cells are parsed from
 * the bytes into float columns without a String per cell, text cells are dictionary-coded. The first non-blank line is
 * the header; blank lines are skipped; unquoted cells are trimmed; a UTF-8 byte-order mark is dropped.
 */
final class CsvReader {

    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final MissingValues missing;
    private RawTable.Builder table;
    private final List<byte[]> headerCells = new ArrayList<>();

    private byte[] cell = new byte[64];
    private int length;
    private boolean quoted;
    private int column;
    private long line = 1;
    private long recordLine = 1;
    private boolean recordEmpty = true;

    private CsvReader(Path file, MissingValues missing) {
        this.file = file;
        this.missing = missing;
    }

    /** Reads {@code file}; throws {@link DlkitException} for a missing, empty, header-only, ragged or malformed file. */
    static RawTable read(Path file, MissingValues missing) {
        if (!Files.exists(file)) {
            throw new DlkitException(file + ": file not found");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new DlkitException(file + ": not a readable file");
        }
        CsvReader reader = new CsvReader(file, missing);
        try (InputStream in = Files.newInputStream(file)) {
            reader.parse(in);
        } catch (IOException e) {
            throw new DlkitException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (reader.table == null) {
            throw new DlkitException(file + ": the file is empty; expected a header row and data rows");
        }
        RawTable result = reader.table.build();
        if (result.numRows() == 0) {
            throw new DlkitException(file + ": only a header row; expected data rows below it");
        }
        return result;
    }

    private static final int FIELD = 0, QUOTED = 1, QUOTE_IN_QUOTED = 2, AFTER_CR = 3;

    private void parse(InputStream in) throws IOException {
        byte[] buf = new byte[CHUNK];
        int state = FIELD;
        boolean first = true;
        int n;
        while ((n = in.readNBytes(buf, 0, CHUNK)) > 0) {
            int i = 0;
            if (first) {
                first = false;
                if (n >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                    i = 3;
                }
            }
            for (; i < n; i++) {
                byte b = buf[i];
                switch (state) {
                    case AFTER_CR:
                        state = FIELD;
                        if (b == '\n') {
                            line++;
                            continue;
                        }
                        // fall through: a lone CR ended the record
                    case FIELD:
                        if (b == ',') {
                            endCell();
                        } else if (b == '\n') {
                            endRecord();
                            line++;
                        } else if (b == '\r') {
                            endRecord();
                            state = AFTER_CR;
                        } else if (b == '"' && length == 0 && !quoted) {
                            quoted = true;
                            recordEmpty = false;
                            state = QUOTED;
                        } else if (quoted) {
                            if (b != ' ' && b != '\t') {
                                throw invalid("text after the closing quote of a quoted field");
                            }
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
        if (state == QUOTED) {
            throw new DlkitException(String.format("%s, line %d: not valid CSV (a quoted field opened on this line "
                    + "is never closed)", file, recordLine));
        }
        endRecord();
    }

    private DlkitException invalid(String what) {
        return new DlkitException(String.format("%s, line %d: not valid CSV (%s)", file, line, what));
    }

    private void append(byte b) {
        if (length == cell.length) {
            cell = java.util.Arrays.copyOf(cell, length * 2);
        }
        cell[length++] = b;
        if (b != ' ' && b != '\t') {
            recordEmpty = false;
        }
    }

    private void endCell() {
        recordEmpty = false;
        int start = 0, end = length;
        if (!quoted) {
            while (start < end && (cell[start] == ' ' || cell[start] == '\t')) {
                start++;
            }
            while (end > start && (cell[end - 1] == ' ' || cell[end - 1] == '\t')) {
                end--;
            }
        }
        if (table == null) {
            headerCells.add(java.util.Arrays.copyOfRange(cell, start, end));
        } else {
            if (column >= table.numColumns()) {
                column++; // counted for the ragged-row message
            } else {
                table.accept(column++, cell, start, end - start, recordLine);
            }
        }
        length = 0;
        quoted = false;
    }

    private void endRecord() {
        if (recordEmpty && column == 0 && !quoted) {
            length = 0;
            recordLine = line + 1;
            return; // a blank line
        }
        endCell();
        if (table == null) {
            table = RawTable.builder(file, RawTable.header(file, headerCells), missing);
        } else if (column != table.numColumns()) {
            throw new DlkitException(String.format("%s, line %d: %d cells, expected %d like the header",
                    file, recordLine, column, table.numColumns()));
        } else {
            table.endRow(recordLine);
        }
        column = 0;
        recordEmpty = true;
        recordLine = line + 1;
    }
}
