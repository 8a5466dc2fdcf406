package org.dlkit.data;

import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A CSV file with a header row, read through DataVec's {@link CSVRecordReader}: the header, then every data row as
 * strings with its line number in the file. Blank lines are skipped; a row with a different number of cells than the
 * header is rejected with its line number.
 */
public final class CsvTable {

    /** One data row: its 1-based line number in the file and its cells. */
    public record Row(long line, List<String> cells) { }

    private final Path file;
    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = Collections.unmodifiableList(header);
        this.rows = Collections.unmodifiableList(rows);
    }

    /** Reads {@code file}; throws {@link DlkitException} for a missing, empty, header-only or ragged file. */
    public static CsvTable read(Path file) {
        if (!Files.exists(file)) {
            throw new DlkitException(file + ": file not found");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new DlkitException(file + ": not a readable file");
        }
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (CSVRecordReader reader = new CSVRecordReader(0, ',', '"')) {
            reader.initialize(new FileSplit(file.toFile()));
            long line = 0;
            while (reader.hasNext()) {
                line++;
                List<String> cells = strings(reader, file, line);
                if (cells.size() == 1 && cells.get(0).isBlank()) {
                    continue;
                }
                if (header == null) {
                    header = validHeader(file, cells);
                } else if (cells.size() != header.size()) {
                    throw new DlkitException(String.format("%s, line %d: %d cells, expected %d like the header",
                            file, line, cells.size(), header.size()));
                } else {
                    rows.add(new Row(line, cells));
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new DlkitException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (header == null) {
            throw new DlkitException(file + ": the file is empty; expected a header row and data rows");
        }
        if (rows.isEmpty()) {
            throw new DlkitException(file + ": only a header row; expected data rows below it");
        }
        return new CsvTable(file, header, rows);
    }

    private static List<String> strings(CSVRecordReader reader, Path file, long line) {
        List<Writable> record;
        try {
            record = reader.next();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new DlkitException(String.format("%s, line %d: not valid CSV (%s)", file, line, root.getMessage()), e);
        }
        List<String> cells = new ArrayList<>(record.size());
        for (Writable w : record) {
            cells.add(w.toString().trim());
        }
        return cells;
    }

    private static List<String> validHeader(Path file, List<String> cells) {
        cells.set(0, cells.get(0).replace("\uFEFF", "").trim()); // a byte-order mark some editors write
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).isEmpty()) {
                throw new DlkitException(String.format("%s, line 1: header column %d has no name", file, i + 1));
            }
            if (cells.indexOf(cells.get(i)) != i) {
                throw new DlkitException(String.format("%s, line 1: header names column '%s' twice", file, cells.get(i)));
            }
        }
        return cells;
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    /**
     * The index of the column named by {@code spec}: a header name, or a 0-based index; {@code null} means the last
     * column.
     */
    public int columnIndex(String spec) {
        if (spec == null) {
            return header.size() - 1;
        }
        int byName = header.indexOf(spec);
        if (byName >= 0) {
            return byName;
        }
        if (spec.matches("\\d+") && Integer.parseInt(spec) < header.size()) {
            return Integer.parseInt(spec);
        }
        throw new DlkitException(String.format("%s: no column '%s'; the columns are: %s",
                file, spec, String.join(", ", header)));
    }
}
