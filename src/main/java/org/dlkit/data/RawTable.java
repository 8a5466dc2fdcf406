package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private final Column[] columns;
    private final CsvFormat format;

    RawTable(Path source, List<String> names, LineNumbers lines, Column[] columns) {
        this(source, names, lines, columns, new CsvFormat(',', CsvFormat.Decimal.POINT));
    }

    private RawTable(Path source, List<String> names, LineNumbers lines, Column[] columns, CsvFormat format) {
        this.source = source;
        this.names = List.copyOf(names);
        this.lines = lines;
        this.columns = columns;
        this.format = format;
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
        return CsvReader.read(file, missing, format);
    }

    /** How the file was read: its delimiter (as given or detected) and decimal mark. */
    public CsvFormat format() {
        return format;
    }

    /** This table read as {@code f} says. */
    RawTable readAs(CsvFormat f) {
        return new RawTable(source, names, lines, columns, f);
    }

    /**
     * This table without its last column when the header left it unnamed (a header line ending in a delimiter) and
     * every cell of it is empty.
     */
    RawTable withoutUnnamedLast() {
        int last = names.size() - 1;
        if (last == 0 || !names.get(last).equals(HeaderNames.unnamed(last))) {
            return this;
        }
        for (int r = 0; r < numRows(); r++) {
            if (!columns[last].isMissing(r)) {
                return this;
            }
        }
        return new RawTable(source, names.subList(0, last), lines, Arrays.copyOf(columns, last), format);
    }

    /**
     * A table from rows of text cells (the API's raw rows); {@code source} names it in messages, lines count from 1.
     */
    public static RawTable ofRows(String source, List<String> names, List<? extends List<?>> rows, MissingValues missing) {
        TableBuilder b = TableBuilder.of(Path.of(source), names, missing);
        long line = 0;
        for (List<?> row : rows) {
            line++;
            if (row.size() != names.size()) {
                throw new DlkitException(String.format("%s, row %d: %d values, expected %d (%s)", source, line,
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

    /** Numeric columns given as values (image pixels); row i has line number i + 1. */
    static RawTable ofNumbers(Path source, List<String> names, double[][] rows) {
        Column[] columns = new Column[names.size()];
        for (int c = 0; c < columns.length; c++) {
            float[] v = new float[rows.length];
            for (int r = 0; r < rows.length; r++) {
                v[r] = (float) rows[r][c];
            }
            columns[c] = new Column(names.get(c), v, rows.length);
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

    /** The 1-based line of row {@code r} in its file. */
    public long line(int r) {
        return lines.line(r);
    }

    public Column column(int c) {
        return columns[c];
    }

    /** The column named {@code name}, or null. */
    public Column column(String name) {
        int c = names.indexOf(name);
        return c < 0 ? null : columns[c];
    }

    /**
     * The index of the column named by {@code spec}: a header name, or a 0-based index; {@code null} means the last.
     */
    public int columnIndex(String spec) {
        if (spec == null) {
            return names.size() - 1;
        }
        int byName = names.indexOf(spec);
        if (byName >= 0) {
            return byName;
        }
        if (spec.matches("\\d{1,9}") && Integer.parseInt(spec) < names.size()) {
            return Integer.parseInt(spec);
        }
        throw new DlkitException(String.format("%s: no column '%s'; the columns are: %s",
                source, spec, String.join(", ", names)));
    }

    /** One column's cells: numbers, or codes into its distinct texts. */
    public static final class Column {
        final String name;
        /** The numbers are {@code numbers[base, base + capacity)}: a column of its own or a slice of a shared block. */
        private float[] numbers;
        private int base;
        private int capacity;
        private int[] codes;
        private final List<String> texts = new ArrayList<>();
        /** The number each distinct text came from, NaN for a text that is not a number (a text column's numbers). */
        private float[] textValues = new float[16];
        private final Map<String, Integer> index = new HashMap<>();
        private long firstTextLine;
        private String firstText;
        private int size;

        Column(String name, int capacity) {
            this.name = name;
            this.capacity = Math.max(16, capacity);
            this.numbers = new float[this.capacity];
        }

        /** A column whose numbers go to {@code block[base, base + capacity)}. */
        Column(String name, float[] block, int base, int capacity) {
            this.name = name;
            this.numbers = block;
            this.base = base;
            this.capacity = capacity;
        }

        private Column(String name, float[] numbers, int size) {
            this.name = name;
            this.numbers = numbers;
            this.capacity = numbers.length;
            this.size = size;
        }

        public String name() {
            return name;
        }

        /** Whether some cell is text (not a number, not missing). */
        public boolean isText() {
            return codes != null;
        }

        /** Row {@code r} as a number, NaN when missing; only for a column that is not text. */
        public float number(int r) {
            return numbers[base + r];
        }

        /** Row {@code r} as text (numbers in canonical spelling), null when missing. */
        public String text(int r) {
            if (codes != null) {
                return codes[r] < 0 ? null : texts.get(codes[r]);
            }
            return Float.isNaN(numbers[base + r]) ? null : canonical(numbers[base + r]);
        }

        public boolean isMissing(int r) {
            return codes != null ? codes[r] < 0 : Float.isNaN(numbers[base + r]);
        }

        /**
         * Row {@code r} as a number, in a text column too: NaN when missing or not a number (the few cells that make a
         * column of numbers text, such as a typo).
         */
        public float value(int r) {
            if (codes != null) {
                return codes[r] < 0 ? Float.NaN : textValues[codes[r]];
            }
            return numbers[base + r];
        }

        /** Whether row {@code r} holds a value that is not a number (false when missing). */
        public boolean isNotANumber(int r) {
            return codes != null && codes[r] >= 0 && Float.isNaN(textValues[codes[r]]);
        }

        /**
         * Each row's value as an index into {@code distinct}, which this fills with the column's distinct texts
         * (numbers in canonical spelling, each once); -1 where missing. No object per row: a label column of
         * millions of rows costs two int arrays.
         */
        int[] codes(List<String> distinct) {
            int[] out = new int[size];
            if (codes != null) {
                distinct.addAll(texts);
                System.arraycopy(codes, 0, out, 0, size);
                return out;
            }
            float[] values = Arrays.copyOfRange(numbers, base, base + size);
            Arrays.sort(values); // NaN (missing) last
            int n = 0;
            for (float v : values) {
                if (!Float.isNaN(v) && (n == 0 || Float.compare(values[n - 1], v) != 0)) {
                    values[n++] = v;
                }
            }
            float[] sorted = Arrays.copyOf(values, n);
            int[] text = new int[n]; // -0 and 0 are two floats but one text
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < n; i++) {
                text[i] = seen.computeIfAbsent(canonical(sorted[i]), t -> {
                    distinct.add(t);
                    return distinct.size() - 1;
                });
            }
            for (int r = 0; r < size; r++) {
                float v = numbers[base + r];
                out[r] = Float.isNaN(v) ? -1 : text[Arrays.binarySearch(sorted, v)];
            }
            return out;
        }

        /** The line and the value of the first text cell, for messages; null for a column of numbers. */
        public String firstText() {
            return firstText == null ? null : "line " + firstTextLine + " holds '" + firstText + "'";
        }

        /** Takes back the last cell (only a missing one is ever taken back, so the column's kind is unchanged). */
        void dropLast() {
            size--;
        }

        void addNumber(float v) {
            if (codes != null) {
                addText(Float.isNaN(v) ? null : canonical(v), v);
                return;
            }
            if (size == capacity) {
                resize(size + (size >> 1));
            }
            numbers[base + size++] = v;
        }

        void addText(String t, long line) {
            if (codes == null) {
                firstText = t;
                firstTextLine = line;
                codes = new int[capacity];
                for (int r = 0; r < size; r++) {
                    float v = numbers[base + r];
                    codes[r] = Float.isNaN(v) ? -1 : code(canonical(v), v);
                }
                numbers = null;
            }
            addText(t, Float.NaN);
        }

        private void addText(String t, float value) {
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, Math.max(16, size + (size >> 1)));
            }
            codes[size++] = t == null ? -1 : code(t, value);
        }

        /** The code of text {@code t}, which is the number {@code value} (NaN: not a number). */
        private int code(String t, float value) {
            Integer known = index.get(t);
            if (known != null) {
                return known;
            }
            texts.add(t);
            if (texts.size() > textValues.length) {
                textValues = Arrays.copyOf(textValues, texts.size() * 2);
            }
            textValues[texts.size() - 1] = value;
            index.put(t, texts.size() - 1);
            return texts.size() - 1;
        }

        /**
         * The parts' cells one after the other (each part's rows, in order); {@code lineOffsets[k]} is added to the
         * lines of part {@code k}. Text in any part makes the whole column text, numbers in one spelling, codes given
         * in order of first appearance: the column a single reader of all the rows would have built.
         */
        static Column concat(List<Column> parts, long[] lineOffsets, int rows) {
            Column first = parts.get(0);
            if (parts.size() == 1) {
                first.firstTextLine += lineOffsets[0];
                first.trimSlack();
                return first;
            }
            int textPart = 0;
            while (textPart < parts.size() && parts.get(textPart).codes == null) {
                textPart++;
            }
            if (textPart == parts.size()) {
                boolean adjacent = true; // every part still in its slice of one block, the slices in order
                int capacity = first.capacity;
                for (Column p : parts.subList(1, parts.size())) {
                    adjacent &= p.numbers == first.numbers && p.base == first.base + capacity;
                    capacity += p.capacity;
                }
                if (adjacent) {
                    first.capacity = capacity; // the region of the column: the later slices move down within it
                } else if (first.capacity < rows) {
                    first.resize(rows);
                }
                for (Column p : parts.subList(1, parts.size())) {
                    System.arraycopy(p.numbers, p.base, first.numbers, first.base + first.size, p.size);
                    first.size += p.size;
                }
                first.trimSlack();
                return first;
            }
            Column out = new Column(first.name, 0);
            out.numbers = null;
            out.codes = new int[rows];
            out.firstText = parts.get(textPart).firstText;
            out.firstTextLine = parts.get(textPart).firstTextLine + lineOffsets[textPart];
            for (Column p : parts) {
                for (int r = 0; r < p.size; r++) {
                    String t = p.text(r);
                    out.codes[out.size++] = t == null ? -1 : out.code(t, p.value(r));
                }
            }
            return out;
        }

        /** Trims the arrays when they hold more than 1/16 unused (else the copy would cost more than it frees). */
        private void trimSlack() {
            if ((codes != null ? codes.length : capacity) - size > size / 16 + 16) {
                trim();
            }
        }

        void trim() {
            if (codes != null) {
                codes = Arrays.copyOf(codes, size);
            } else if (capacity != size || numbers.length != size) {
                resize(size);
            }
        }

        /** Moves the numbers to an array of their own with room for {@code rows}. */
        private void resize(int rows) {
            numbers = Arrays.copyOfRange(numbers, base, base + rows);
            base = 0;
            capacity = rows;
        }
    }

    /** A number's one spelling: integers without a decimal point, others as Java prints a float. */
    static String canonical(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15f) {
            return Long.toString((long) v);
        }
        return Float.toString(v);
    }
}
