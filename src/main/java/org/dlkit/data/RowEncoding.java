package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link FeatureTransform}'s DataVec process computes for a row, computed directly from the columns, without a
 * record of texts per row: the same floats, bit for bit (the transform still saves and loads DataVec's process). For
 * each used column in the schema's order:
 * <ul>
 *   <li>a number: the float of its canonical text read as a double, {@code (float) parseDouble(canonical(v))} (so −0
 *   becomes 0, as the text "0" does); a missing cell (or one that is not a number): the fill (the training median) read
 *   the same way;</li>
 *   <li>a category: one column per category of the training rows, 1 for the row's category and 0 for the others; a
 *   missing cell takes the fill (the most frequent category); a category not seen in training is all zeros.</li>
 * </ul>
 */
final class RowEncoding {

    private final List<ColumnSchema> used;
    private final RawColumn[] columns;
    /** The first output column of each used column. */
    private final int[] offsets;
    /** Each categorical column's categories and their one-hot index; null for a numeric column. */
    private final List<Map<String, Integer>> indices = new java.util.ArrayList<>();

    RowEncoding(List<ColumnSchema> used, RawColumn[] columns) {
        this.used = used;
        this.columns = columns;
        this.offsets = new int[used.size()];
        int offset = 0;
        for (int k = 0; k < used.size(); k++) {
            ColumnSchema c = used.get(k);
            offsets[k] = offset;
            offset += c.width();
            Map<String, Integer> index = null;
            if (c.kind() == ColumnKind.CATEGORICAL) {
                index = new HashMap<>();
                for (int j = 0; j < c.categories().size(); j++) {
                    index.putIfAbsent(c.categories().get(j), j);
                }
            }
            indices.add(index);
        }
    }

    /**
     * Encodes row {@code r} of {@code table} into {@code out[at, at + width)}, which must hold zeros; counts the unseen
     * categories of column k in {@code unseen.get(k)}; returns the number of cells filled in.
     *
     * @throws DlkitException a missing value under {@link MissingPolicy#ERROR}
     */
    int encode(RawTable table, int r, MissingPolicy missing, float[] out, int at, List<Map<String, Integer>> unseen) {
        int imputed = 0;
        for (int k = 0; k < columns.length; k++) {
            ColumnSchema c = used.get(k);
            RawColumn column = columns[k];
            if (c.kind() == ColumnKind.NUMERIC) {
                float v = column.value(r);
                if (Float.isNaN(v)) {
                    refuse(table, r, c, column, missing);
                    imputed++;
                    out[at + offsets[k]] = (float) Double.parseDouble(c.fill());
                } else {
                    out[at + offsets[k]] = asText(v);
                }
                continue;
            }
            String value = column.text(r);
            if (value == null) {
                refuse(table, r, c, column, missing);
                imputed++;
                value = c.fill();
            }
            Integer j = indices.get(k).get(value);
            if (j == null) {
                unseen.get(k).merge(value, 1, Integer::sum);
            } else {
                out[at + offsets[k] + j] = 1;
            }
        }
        return imputed;
    }

    /** {@code v} as DataVec reads it back from {@link RawColumn#canonical}: an integer's text is exact (−0 is "0"). */
    static float asText(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15f) {
            return v + 0f;
        }
        return (float) Double.parseDouble(RawColumn.canonical(v));
    }

    /** Throws for a missing cell under {@link MissingPolicy#ERROR}. */
    private static void refuse(RawTable table, int r, ColumnSchema c, RawColumn column, MissingPolicy missing) {
        if (missing == MissingPolicy.ERROR) {
            throw new DlkitException(String.format(Locale.ROOT, "%s, %s, column '%s': %s (--missing error)",
                    table.source(), table.place(r), c.name(), column.isMissing(r) ? "missing value"
                            : "'" + column.text(r) + "' is not a number"));
        }
    }
}
