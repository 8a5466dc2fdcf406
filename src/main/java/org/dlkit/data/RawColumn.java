package org.dlkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One column of a {@link RawTable}, as read: its cells as numbers, or as codes into its distinct texts. */
public final class RawColumn {
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
    /** The first cell that is an integer written with a leading zero ({@code 02139}: a code?), null for none. */
    private String leadingZeros;
    private int size;

    RawColumn(String name, int capacity) {
        this.name = name;
        this.capacity = Math.max(16, capacity);
        this.numbers = new float[this.capacity];
    }

    /** A column whose numbers go to {@code block[base, base + capacity)}. */
    RawColumn(String name, float[] block, int base, int capacity) {
        this.name = name;
        this.numbers = block;
        this.base = base;
        this.capacity = capacity;
    }

    RawColumn(String name, float[] numbers, int size) {
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

    /**
     * Rows holding a text of {@code to}'s keys hold its value instead ({@code TRUE} as {@code True}), merged with the
     * rows already holding that value; a text column only.
     */
    void respell(Map<String, String> to) {
        int[] remap = new int[texts.size()];
        boolean merged = false;
        for (int i = 0; i < remap.length; i++) {
            String now = texts.get(i);
            String then = to.get(now);
            remap[i] = i;
            if (then != null && !then.equals(now)) {
                Integer existing = index.get(then);
                if (existing != null) {
                    remap[i] = existing;
                    merged = true;
                } else {
                    texts.set(i, then);
                    index.remove(now);
                    index.put(then, i);
                }
            }
        }
        for (int r = 0; merged && r < size; r++) {
            codes[r] = codes[r] < 0 ? codes[r] : remap[codes[r]];
        }
    }

    /** The distinct texts of a text column, in the order first seen (an empty list for a column of numbers). */
    List<String> texts() {
        return codes == null ? List.of() : List.copyOf(texts);
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
     * Reads the texts that are numbers in {@code format} (thousands separators, a currency symbol, a percent sign) as
     * those numbers from now on, in {@link #value} and {@link #isNotANumber}; the texts themselves are unchanged.
     * Idempotent: a transform applies it to every table it reads.
     */
    void readFormatted(FormattedNumbers format, boolean decimalComma) {
        for (int i = 0; codes != null && i < texts.size(); i++) {
            if (Float.isNaN(textValues[i])) {
                textValues[i] = format.parse(texts.get(i), decimalComma);
            }
        }
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

    /** The first cell that was an integer written with a leading zero ({@code 02139}), or null. */
    String leadingZeros() {
        return leadingZeros;
    }

    /**
     * Whether a text column lost a leading zero: it saw an integer written with one ({@link #leadingZeros}) but holds
     * no such text, so its numbers were kept in their canonical spelling ({@code 02139} as {@code 2139}), not as
     * written ({@link TableBuilder#keepingCodes}).
     */
    boolean lostLeadingZeros() {
        return codes != null && leadingZeros != null && !index.containsKey(leadingZeros);
    }

    /** Notes cell {@code t}, an integer written with a leading zero, unless one was noted before. */
    void sawLeadingZeros(String t) {
        if (leadingZeros == null) {
            leadingZeros = t;
        }
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
            toText();
        }
        addText(t, Float.NaN);
    }

    /**
     * Adds the number {@code value} as the text {@code t} (a code as written, {@code 02139} or {@code 20240017}, which
     * a float would change): the column is text from then on, though {@link #firstText()} names no cell.
     */
    void addNumberAsText(String t, float value) {
        if (codes == null) {
            toText();
        }
        addText(t, value);
    }

    /** Turns the numbers read so far into codes of their canonical spellings. */
    private void toText() {
        codes = new int[capacity];
        for (int r = 0; r < size; r++) {
            float v = numbers[base + r];
            codes[r] = Float.isNaN(v) ? -1 : code(canonical(v), v);
        }
        numbers = null;
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
    static RawColumn concat(List<RawColumn> parts, long[] lineOffsets, int rows) {
        RawColumn first = parts.get(0);
        String zeros = parts.stream().map(p -> p.leadingZeros).filter(z -> z != null).findFirst().orElse(null);
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
            for (RawColumn p : parts.subList(1, parts.size())) {
                adjacent &= p.numbers == first.numbers && p.base == first.base + capacity;
                capacity += p.capacity;
            }
            if (adjacent) {
                first.capacity = capacity; // the region of the column: the later slices move down within it
            } else if (first.capacity < rows) {
                first.resize(rows);
            }
            for (RawColumn p : parts.subList(1, parts.size())) {
                System.arraycopy(p.numbers, p.base, first.numbers, first.base + first.size, p.size);
                first.size += p.size;
            }
            first.leadingZeros = zeros;
            first.trimSlack();
            return first;
        }
        RawColumn out = new RawColumn(first.name, 0);
        out.numbers = null;
        out.codes = new int[rows];
        out.firstText = parts.get(textPart).firstText;
        out.firstTextLine = parts.get(textPart).firstTextLine + lineOffsets[textPart];
        out.leadingZeros = zeros;
        for (RawColumn p : parts) {
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

    /** A number's one spelling: integers without a decimal point, others as Java prints a float. */
    static String canonical(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15f) {
            return Long.toString((long) v);
        }
        return Float.toString(v);
    }
}
