package org.dlkit.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.datavec.api.transform.TransformProcess;
import org.datavec.api.transform.schema.Schema;
import org.datavec.api.transform.transform.doubletransform.ConvertToDouble;
import org.datavec.api.transform.transform.string.ReplaceEmptyStringTransform;
import org.dlkit.error.DlkitException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The transform from raw table rows to network inputs, learnt from the training rows: the {@link TableSchema}
 * (column kinds, categories, imputation values) as a DataVec {@link TransformProcess} that leaves out ignored columns,
 * fills missing numbers with the training median and missing categories with the most frequent one, and one-hot
 * encodes the categories. A category unseen in training encodes as all zeros. Saved with the model as DataVec's JSON.
 */
public final class FeatureTransform {

    /** The hidden extra category that unseen values map to; its one-hot column is removed, leaving all zeros. */
    static final String UNSEEN = "<unseen>";

    private final TableSchema schema;
    private final MissingValues missingValues;
    private final MissingPolicy missing;
    private final boolean decimalComma;
    private final TransformProcess process;
    private final List<ColumnSchema> used;
    private final List<Set<String>> categories = new ArrayList<>();

    private FeatureTransform(TableSchema schema, MissingValues missingValues, MissingPolicy missing,
                             boolean decimalComma, TransformProcess process) {
        this.schema = schema;
        this.missingValues = missingValues;
        this.missing = missing;
        this.decimalComma = decimalComma;
        this.process = process;
        this.used = schema.columns().stream().filter(c -> c.kind() != ColumnKind.IGNORED).toList();
        used.forEach(c -> categories.add(Set.copyOf(c.categories())));
        int width = used.stream().mapToInt(ColumnSchema::width).sum();
        if (width != process.getFinalSchema().numColumns()) { // a model saved before unseenMarker, with a "<unseen>"
            throw new DlkitException(String.format(Locale.ROOT, "the saved transform's DataVec process gives %d "
                    + "inputs, its columns %d (a category named '%s'?); train the model again",
                    process.getFinalSchema().numColumns(), width, UNSEEN));
        }
    }

    /** The transform for {@code schema}: DataVec's process built from the column kinds and learnt values. */
    public static FeatureTransform of(TableSchema schema, MissingValues missingValues, MissingPolicy missing) {
        return of(schema, missingValues, missing, false);
    }

    /**
     * {@link #of(TableSchema, MissingValues, MissingPolicy)} for a table whose numbers were written with decimal
     * commas: files to predict are then read with decimal commas too (unless they are comma-separated).
     */
    public static FeatureTransform of(TableSchema schema, MissingValues missingValues, MissingPolicy missing,
                                      boolean decimalComma) {
        Schema.Builder input = new Schema.Builder();
        for (ColumnSchema c : schema.columns()) {
            input.addColumnString(c.name()); // cells as read; numbers become doubles after the missing ones are filled
        }
        TransformProcess.Builder steps = new TransformProcess.Builder(input.build());
        List<String> ignored = schema.columns().stream().filter(c -> c.kind() == ColumnKind.IGNORED)
                .map(ColumnSchema::name).toList();
        if (!ignored.isEmpty()) {
            steps.removeColumns(ignored);
        }
        for (ColumnSchema c : schema.columns()) {
            if (c.kind() == ColumnKind.NUMERIC) {
                steps.transform(new ReplaceEmptyStringTransform(c.name(), c.fill()))
                        .transform(new ConvertToDouble(c.name()));
            } else if (c.kind() == ColumnKind.CATEGORICAL) {
                List<String> states = new ArrayList<>(c.categories());
                String unseen = unseenMarker(c.categories());
                states.add(unseen);
                steps.transform(new ReplaceEmptyStringTransform(c.name(), c.fill()))
                        .stringToCategorical(c.name(), states)
                        .categoricalToOneHot(c.name())
                        .removeColumns(c.name() + "[" + unseen + "]");
            }
        }
        return new FeatureTransform(schema, missingValues, missing, decimalComma, steps.build());
    }

    /**
     * The hidden category that values unseen in training map to in the process of a column of {@code categories}:
     * {@link #UNSEEN}, or, when a training category is spelled so, {@code <<unseen>>} (and so on) — a category equal
     * to the marker would make two one-hot columns of one name, both removed, and shift the others.
     */
    static String unseenMarker(List<String> categories) {
        String marker = UNSEEN;
        while (categories.contains(marker)) {
            marker = "<" + marker + ">";
        }
        return marker;
    }

    /** Learns the schema from the training rows {@code train} (and nothing else). */
    public static FeatureTransform fit(LabelledData train, Consumer<String> warnings) {
        return of(TableSchema.infer(train, warnings), train.options().missingValues(), train.options().missing(),
                train.format().decimalComma());
    }

    /** Labelled rows encoded: the DataSet, the missing cells filled in, the rows left out for missing values. */
    public record Labelled(DataSet data, int imputed, int dropped) { }

    /**
     * Labelled rows as a DataSet in {@code type}: features encoded (rows with a missing value left out under
     * {@link MissingPolicy#DROP}), labels one-hot.
     */
    public Labelled dataSet(LabelledData rows, DataType type, Consumer<String> warnings) {
        return dataSets(type, warnings, rows)[0];
    }

    /**
     * {@link #dataSet} for each of {@code parts}, rows of one table (a split's train, validation and test rows; a null
     * part stays null), the table checked once and each column warned about once for all parts together: the cells
     * that are not numbers named in file order, counts summed, as a user reads the file.
     */
    public Labelled[] dataSets(DataType type, Consumer<String> warnings, LabelledData... parts) {
        LabelledData first = java.util.Arrays.stream(parts).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow();
        RawTable table = first.table();
        if (java.util.Arrays.stream(parts).anyMatch(p -> p != null && p.table() != table)) {
            throw new IllegalArgumentException("parts of different tables");
        }
        check(table, first.labelName(), false);
        LabelledData[] kept = java.util.Arrays.stream(parts).map(p -> p == null || missing != MissingPolicy.DROP ? p
                : withoutMissing(p)).toArray(LabelledData[]::new);
        RawColumn[] columns = columns(table);
        EncodingWarnings.cells(used, table, columns, java.util.Arrays.stream(kept).filter(java.util.Objects::nonNull)
                .flatMapToInt(p -> java.util.Arrays.stream(p.tableRows())).toArray(), warnings);
        List<Map<String, Integer>> unseen = new ArrayList<>();
        used.forEach(c -> unseen.add(new TreeMap<>()));
        Labelled[] out = new Labelled[parts.length];
        for (int p = 0; p < parts.length; p++) {
            if (parts[p] != null) {
                out[p] = labelled(encodeRows(table, columns, kept[p].tableRows(), unseen), kept[p], type,
                        parts[p].numExamples() - kept[p].numExamples());
            }
        }
        EncodingWarnings.unseen(used, table, unseen, warnings);
        return out;
    }

    /** Encoded features {@code x} of {@code kept}'s rows with their labels one-hot, as a DataSet in {@code type}. */
    private static Labelled labelled(Encoded x, LabelledData kept, DataType type, int dropped) {
        int classes = kept.numClasses();
        float[] oneHot = new float[x.rows() * classes];
        int[] labels = kept.labels();
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes + labels[i]] = 1;
        }
        DataSet ds = new DataSet(Nd4j.create(x.values(), new long[] {x.rows(), x.columns()}, 'c').castTo(type),
                Nd4j.create(oneHot, new long[] {x.rows(), classes}, 'c').castTo(type));
        return new Labelled(ds, x.imputed(), dropped);
    }

    /** {@code rows} without those that miss a value in a used column. */
    LabelledData withoutMissing(LabelledData rows) {
        RawColumn[] columns = columns(rows.table());
        return rows.rows(java.util.stream.IntStream.range(0, rows.numExamples()).filter(i -> {
            for (int k = 0; k < columns.length; k++) {
                if (lacksValue(used.get(k), columns[k], rows.tableRow(i))) {
                    return false;
                }
            }
            return true;
        }).toArray());
    }

    /**
     * The used columns of {@code table}, looked up by name once rather than per row, formatted numbers read as
     * training read them ({@code "1,234"}, {@code "$5"}, {@code "12%"}).
     */
    private RawColumn[] columns(RawTable table) {
        RawColumn[] columns = used.stream().map(c -> table.column(c.name())).toArray(RawColumn[]::new);
        for (int k = 0; k < columns.length; k++) {
            AsTrained.read(used.get(k), columns[k], table);
        }
        return columns;
    }

    /** Whether row {@code r} of {@code column} has no value for {@code c}: missing, or not a number if numeric. */
    private static boolean lacksValue(ColumnSchema c, RawColumn column, int r) {
        return c.kind() == ColumnKind.NUMERIC ? Float.isNaN(column.value(r)) : column.isMissing(r);
    }

    public TableSchema schema() {
        return schema;
    }

    public MissingPolicy missing() {
        return missing;
    }

    public MissingValues missingValues() {
        return missingValues;
    }

    /** Whether the training file's numbers had decimal commas. */
    public boolean decimalComma() {
        return decimalComma;
    }

    /**
     * How files for this transform are read: the delimiter {@code delimiter} ({@link CsvFormat#DETECT}: detected in
     * each file), and the training file's decimal commas unless a file is comma-separated.
     */
    public CsvFormat csvFormat(char delimiter) {
        return new CsvFormat(delimiter, decimalComma ? CsvFormat.Decimal.COMMA_UNLESS_COMMA_SEPARATED
                : CsvFormat.Decimal.POINT);
    }

    /**
     * {@link #csvFormat(char)}, or with decimal commas whatever the training file had when {@code decimalComma} (a
     * file exported by a European spreadsheet for a model trained on decimal points).
     */
    public CsvFormat csvFormat(char delimiter, boolean decimalComma) {
        CsvFormat format = csvFormat(delimiter);
        return decimalComma ? format.withDecimal(CsvFormat.Decimal.COMMA) : format;
    }

    /**
     * Reads a CSV of rows for this transform: as {@link #csvFormat(char)} says, with the training file's missing-value
     * texts.
     */
    public RawTable readCsv(Path csv, char delimiter) {
        return readCsv(csv, csvFormat(delimiter), null);
    }

    /**
     * Reads a CSV of rows as {@code format} says ({@link #csvFormat(char, boolean)}), with the training file's
     * missing-value texts, keeping column {@code idColumn}'s cells as written ({@link RawTable#id}); null for none.
     * The ID column need not be one the model was trained on; {@link TableSchema#codeColumns()} keep their digits.
     */
    public RawTable readCsv(Path csv, CsvFormat format, String idColumn) {
        return RawTable.readCsv(csv, missingValues, format, idColumn, schema.codeColumns());
    }

    /** DataVec's process: its initial schema is the raw feature columns, its final schema the network inputs. */
    public TransformProcess process() {
        return process;
    }

    /** The network's input names: numeric columns as they are, categories as {@code column[category]}. */
    public List<String> outputNames() {
        return process.getFinalSchema().getColumnNames();
    }

    /** The raw columns this transform reads (ignored ones included: they may be absent from a table). */
    public List<String> inputNames() {
        return schema.columns().stream().map(ColumnSchema::name).toList();
    }

    /**
     * Rows given in Java ({@link RawTable#ofRows}) with each {@link Boolean} written as the training rows wrote it:
     * the category of its column equal to it but for case ({@code True}, as pandas writes it, for Java's
     * {@code true}), so that it is not taken for a category never seen; {@code rows} itself when no Boolean needs it.
     */
    public List<? extends List<?>> booleansAsTrained(List<String> columns, List<? extends List<?>> rows) {
        return BooleanSpellings.asTrained(schema, columns, rows);
    }

    /** Encoded rows, row-major, and how many missing cells were filled in. */
    public record Encoded(float[] values, int rows, int columns, int imputed) { }

    /**
     * Checks that rows to predict, {@code table}, hold the used columns (in any order; {@code labelName}, if present,
     * ignored columns and the table's {@link RawTable#idColumn()} may be there or not) and nothing else.
     */
    public void checkColumns(RawTable table, String labelName) {
        check(table, labelName, true);
    }

    /** {@link #checkColumns}; {@code predicting}: an unexpected ID column may be named as one to key the rows by. */
    private void check(RawTable table, String labelName, boolean predicting) {
        ColumnCheck.names(table, labelName, used, inputNames(), predicting);
        RawColumn[] columns = columns(table);
        ColumnCheck.numbers(table, used, columns, missingValues);
        ColumnCheck.codes(table, used, columns, schema.codeColumns());
    }

    /**
     * Encodes {@code table}'s rows at {@code rows} (table row indices): what DataVec's process computes, row by row
     * ({@link RowEncoding}, without DataVec's record of texts per row), or a plain copy of the used columns when the
     * process would do nothing else (numbers only, nothing missing). Warns once per column
     * about categories unseen in training, and about cells of a numeric column that are not numbers (read as missing).
     */
    public Encoded encode(RawTable table, int[] rows, Consumer<String> warnings) {
        RawColumn[] columns = columns(table);
        EncodingWarnings.cells(used, table, columns, rows, warnings);
        List<Map<String, Integer>> unseen = new ArrayList<>();
        used.forEach(c -> unseen.add(new TreeMap<>()));
        Encoded encoded = encodeRows(table, columns, rows, unseen);
        EncodingWarnings.unseen(used, table, unseen, warnings);
        return encoded;
    }

    /** {@link #encode} without the warnings: the categories unseen in training counted into {@code unseen}. */
    private Encoded encodeRows(RawTable table, RawColumn[] columns, int[] rows, List<Map<String, Integer>> unseen) {
        int width = outputNames().size();
        float[] out = new float[Math.multiplyExact(rows.length, width)];
        boolean plain = used.stream().allMatch(c -> c.kind() == ColumnKind.NUMERIC);
        for (int k = 0; plain && k < columns.length; k++) {
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
            return new Encoded(out, rows.length, width, 0);
        }
        int imputed = 0;
        RowEncoding encoding = new RowEncoding(used, columns);
        for (int i = 0; i < rows.length; i++) {
            imputed += encoding.encode(table, rows[i], missing, out, i * width, unseen);
        }
        return new Encoded(out, rows.length, width, imputed);
    }

    /** The transform as JSON: the schema summary and DataVec's own JSON of the process. */
    public Map<String, Object> toJson(ObjectMapper json) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("missing", missing.toString());
        map.put("missing_values", missingValues.tokens());
        map.put("decimal_comma", decimalComma);
        List<Map<String, Object>> cols = new ArrayList<>();
        for (ColumnSchema c : schema.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("kind", c.kind().toString());
            m.put("reason", c.reason());
            m.put("missing", c.missing());
            if (c.kind() == ColumnKind.NUMERIC) {
                m.put("min", c.min());
                m.put("max", c.max());
            }
            if (c.formatted() != null) {
                Map<String, Object> formatted = new LinkedHashMap<>(); // Map.of's order changes from JVM to JVM
                formatted.put("symbol", c.formatted().symbol());
                formatted.put("percent", c.formatted().percent());
                m.put("formatted", formatted);
            }
            m.put("fill", c.fill());
            m.put("categories", c.categories());
            cols.add(m);
        }
        map.put("columns", cols);
        map.put("transform_process", json.readTree(process.toJson()));
        return map;
    }

    /** Reads {@link #toJson}'s output; the process is DataVec's, from its JSON. */
    public static FeatureTransform fromJson(JsonNode node, ObjectMapper json) throws IOException {
        List<ColumnSchema> cols = new ArrayList<>();
        for (JsonNode c : node.path("columns")) {
            List<String> cats = new ArrayList<>();
            c.path("categories").forEach(n -> cats.add(n.asText()));
            JsonNode f = c.path("formatted");
            cols.add(new ColumnSchema(c.path("name").asText(), ColumnKind.valueOf(c.path("kind").asText().toUpperCase(
                    java.util.Locale.ROOT)), c.path("reason").asText(), c.path("missing").asInt(),
                    c.path("min").asDouble(Double.NaN), c.path("max").asDouble(Double.NaN), c.path("fill").asText(),
                    cats, f.isObject() ? new FormattedNumbers(f.path("symbol").asText(), f.path("percent").asBoolean(),
                            "") : null));
        }
        List<String> tokens = new ArrayList<>();
        node.path("missing_values").forEach(n -> tokens.add(n.asText()));
        TransformProcess process = TransformProcess.fromJson(json.writeValueAsString(node.path("transform_process")));
        return new FeatureTransform(new TableSchema(cols), new MissingValues(tokens),
                MissingPolicy.byName(node.path("missing").asText("impute")),
                node.path("decimal_comma").asBoolean(false), process);
    }

    /** A transform for numeric columns only, nothing to learn (images, models saved before transforms existed). */
    public static FeatureTransform numeric(List<String> names) {
        List<ColumnSchema> cols = names.stream().map(n -> new ColumnSchema(n, ColumnKind.NUMERIC, "numbers", 0,
                Double.NaN, Double.NaN, "0", List.of())).toList();
        return of(new TableSchema(cols), MissingValues.DEFAULT, MissingPolicy.IMPUTE);
    }
}
