package org.dlkit.data;

import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;
import org.dlkit.error.DlkitException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The test oracle for {@link RowEncoding}: {@link FeatureTransform#encode} as it was before the direct encoding, with
 * DataVec's process run on a record of texts per row.
 */
final class EncodingBeforeDirect {

    private EncodingBeforeDirect() {
    }

    /**
     * The encoding before the direct one (FeatureTransform.encode at the parent of commit ff7d118): the plain copy
     * when every used column is numeric and nothing is missing, else a record of texts per row run through DataVec's
     * process; the same warnings about unseen categories. A value unseen in training goes in as the process's hidden
     * category, {@link FeatureTransform#unseenMarker} (the constant {@code <unseen>} then, which a training category
     * could equal).
     */
    static FeatureTransform.Encoded encode(FeatureTransform transform, RawTable table, int[] rows,
                                          Consumer<String> warnings) {
        List<ColumnSchema> all = transform.schema().columns();
        List<ColumnSchema> used = all.stream().filter(c -> c.kind() != ColumnKind.IGNORED).toList();
        RawColumn[] columns = used.stream().map(c -> table.column(c.name())).toArray(RawColumn[]::new);
        for (int k = 0; k < columns.length; k++) {
            if (used.get(k).formatted() != null) {
                columns[k].readFormatted(used.get(k).formatted(), table.format().decimalComma());
            }
        }
        int width = transform.outputNames().size();
        float[] out = new float[rows.length * width];
        boolean plain = true;
        for (int k = 0; k < columns.length; k++) {
            plain &= used.get(k).kind() == ColumnKind.NUMERIC;
            for (int i = 0; plain && i < rows.length; i++) {
                plain = !Float.isNaN(columns[k].value(rows[i]));
            }
        }
        if (plain) {
            for (int k = 0; k < columns.length; k++) {
                for (int i = 0; i < rows.length; i++) {
                    out[i * width + k] = columns[k].value(rows[i]);
                }
            }
            return new FeatureTransform.Encoded(out, rows.length, width, 0);
        }
        int imputed = 0;
        List<Map<String, Integer>> unseen = new ArrayList<>();
        used.forEach(c -> unseen.add(new TreeMap<>()));
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            List<Writable> record = new ArrayList<>(all.size());
            int k = 0;
            for (ColumnSchema c : all) {
                if (c.kind() == ColumnKind.IGNORED) {
                    record.add(new Text(""));
                    continue;
                }
                RawColumn column = columns[k];
                boolean number = c.kind() == ColumnKind.NUMERIC;
                if (number ? Float.isNaN(column.value(r)) : column.isMissing(r)) {
                    if (transform.missing() == MissingPolicy.ERROR) {
                        throw new DlkitException(String.format(Locale.ROOT, "%s, %s, column '%s': %s (--missing error)",
                                table.source(), table.place(r), c.name(), column.isMissing(r) ? "missing value"
                                        : "'" + column.text(r) + "' is not a number"));
                    }
                    imputed++;
                    record.add(new Text(""));
                } else if (number) {
                    record.add(new Text(RawColumn.canonical(column.value(r))));
                } else {
                    String value = column.text(r);
                    if (!c.categories().contains(value)) {
                        unseen.get(k).merge(value, 1, Integer::sum);
                        value = FeatureTransform.unseenMarker(c.categories());
                    }
                    record.add(new Text(value));
                }
                k++;
            }
            List<Writable> encoded = transform.process().execute(record);
            for (int j = 0; j < width; j++) {
                out[i * width + j] = (float) encoded.get(j).toDouble();
            }
        }
        for (int k = 0; k < used.size(); k++) {
            List<String> known = used.get(k).categories();
            if (!unseen.get(k).isEmpty()) {
                warnings.accept(String.format(Locale.ROOT,
                        "%s, column '%s': %s not seen in training; encoded as all zeros",
                        table.source(), used.get(k).name(), unseen.get(k).entrySet().stream().limit(5)
                                .map(e -> "'" + e.getKey() + "' (" + e.getValue() + (e.getValue() == 1 ? " row"
                                        : " rows") + ValueHints.sameButCase(e.getKey(), known)
                                        .map(s -> ", training has '" + s + "'").orElse("") + ")")
                                .collect(Collectors.joining(", ")) + (unseen.get(k).size() > 5 ? ", ..." : "")));
            }
        }
        return new FeatureTransform.Encoded(out, rows.length, width, imputed);
    }
}
