package org.dlkit.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.datavec.api.transform.TransformProcess;
import org.datavec.api.transform.schema.Schema;
import org.datavec.api.transform.transform.string.ReplaceEmptyStringTransform;
import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded property test of table preparation: on generated tables of every column kind the schema infers (plain and
 * formatted numbers, decimal commas, booleans in many spellings, dates, categories, IDs, free text, typos in a numeric
 * column, −0, huge and tiny values, gaps in every spelling, one-value columns), and on a second table to predict with
 * categories unseen in training and columns all gaps, {@link FeatureTransform#encode} ({@link RowEncoding}) gives the
 * floats DataVec's process gives run row by row, as the encoding did before (bit for bit, with the same filled-in
 * count, warnings and {@code --missing error} message), and each numeric column's range and median
 * ({@link NumericSummary}'s selection) are those of a full sort.
 */
class EncodingPropertyTest {

    /** Generated tables; each is fitted, then its training rows and a table to predict are encoded both ways. */
    private static final int TABLES = 200;

    private static final String[] GAPS = {"", "NA", "N/A", "null", "?", "NaN", "na", "#N/A", "#DIV/0!", "NULL",
            "\" \""};
    private static final String[][] BOOLEANS = {{"true", "false"}, {"True", "False"}, {"TRUE", "FALSE"},
            {"yes", "no"}, {"Yes", "No"}, {"Y", "N"}, {"T", "F"}, {"on", "off"}};
    private static final String[] DATES = {"2024-01-%02d", "2024-01-%02dT10:00:00Z", "%02d/01/2024", "2024/01/%02d",
            "Jan %d 2024", "\"January %d, 2024\"", "%02d-Jan-24"};

    /** The kinds of generated column. */
    private enum Kind { INT, FLOAT, ZEROS, EXTREME, CURRENCY, THOUSANDS, PERCENT, BOOLEAN, DATE, CATEGORY, ID, TYPO,
        CONSTANT, TEXT, NUMBERS_AS_CATEGORIES }

    @Test
    void directEncodingEqualsDataVecsOnGeneratedTables(@TempDir Path dir) throws IOException {
        int fitted = 0, cells = 0;
        Set<ColumnKind> kindsSeen = new java.util.HashSet<>();
        Set<String> seen = new java.util.TreeSet<>();
        for (int t = 0; t < TABLES; t++) {
            SplittableRandom random = new SplittableRandom(1000 + t);
            Generated g = generate(random, t);
            Path train = Files.writeString(dir.resolve("train" + t + ".csv"), g.train, StandardCharsets.UTF_8);
            Path other = Files.writeString(dir.resolve("other" + t + ".csv"), g.other, StandardCharsets.UTF_8);
            LabelledData data;
            FeatureTransform transform;
            try {
                data = LabelledData.fromCsv(train, "label", g.options);
                transform = FeatureTransform.fit(data, w -> { });
            } catch (DlkitException e) {
                continue; // a table the schema refuses (no feature column left, say): nothing to encode
            }
            fitted++;
            String where = "table " + t + ":\n" + g.train + "--- to predict:\n" + g.other;
            assertSummariesAsSorting(transform, data, where);
            for (ColumnSchema c : transform.schema().columns()) {
                kindsSeen.add(c.kind());
                if (c.formatted() != null) {
                    seen.add(c.formatted().percent() ? "percent" : c.formatted().symbol().isEmpty() ? "thousands"
                            : "currency");
                }
                if (c.categories().contains(FeatureTransform.UNSEEN)) {
                    seen.add("category <unseen>");
                }
            }
            if (transform.decimalComma()) {
                seen.add("decimal comma");
            }
            cells += assertEncodedAsBefore(transform, data.table(), shuffled(data.tableRows(), random), where, seen);
            FeatureTransform saved = reloaded(transform); // rows to predict are encoded by the saved transform
            RawTable toPredict = saved.readCsv(other, g.delimiter);
            cells += assertEncodedAsBefore(saved, toPredict, IntStream.range(0, toPredict.numRows()).toArray(), where,
                    seen);
        }
        assertTrue(fitted >= TABLES * 3 / 4, "only " + fitted + " of " + TABLES + " tables fitted");
        assertEquals(Set.of(ColumnKind.values()), kindsSeen, "every column kind inferred somewhere");
        assertEquals(Set.of("percent", "thousands", "currency", "category <unseen>", "decimal comma", "imputed",
                "unseen warning", "error message"), seen, "every case met somewhere");
        assertTrue(cells > 100_000, "only " + cells + " encoded floats compared");
    }

    /**
     * A category spelled as the process's hidden marker for unseen values ({@code <unseen>}): found by the generated
     * tables. Its process had two one-hot columns of one name, both removed, so DataVec's width was one less than the
     * direct encoding's (which then wrote into the next row) and DataVec's own one-hots were shifted. Now the marker
     * avoids the categories, and the category is one like the others.
     */
    @Test
    void categoryNamedLikeTheUnseenMarker(@TempDir Path dir) throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"),
                "c,n,label\n<unseen>,1,x\na,2,y\nb,,x\n<unseen>,3,y\n");
        Path other = Files.writeString(dir.resolve("other.csv"), "c,n,label\nzz,1,x\n<unseen>,,y\nb,2,x\n");
        LabelledData data = LabelledData.fromCsv(train, "label");
        FeatureTransform transform = reloaded(FeatureTransform.fit(data, w -> { }));
        assertEquals(List.of("c[<unseen>]", "c[a]", "c[b]", "n"), transform.outputNames());
        RawTable toPredict = transform.readCsv(other, ',');
        int[] rows = {0, 1, 2};
        assertEncodedAsBefore(transform, data.table(), data.tableRows(), "train", new java.util.HashSet<>());
        assertEncodedAsBefore(transform, toPredict, rows, "other", new java.util.HashSet<>());
        assertEquals(List.of(1f, 0f, 0f, 1f, 0f, 1f, 0f, 2f, 0f, 0f, 1f, 2f, 1f, 0f, 0f, 3f),
                boxed(transform.encode(data.table(), data.tableRows(), w -> { }).values()));
        assertEquals(List.of(0f, 0f, 0f, 1f, 1f, 0f, 0f, 2f, 0f, 0f, 1f, 2f),
                boxed(transform.encode(toPredict, rows, w -> { }).values()));
    }

    /**
     * A model saved before the marker avoided the categories: its process is one input short of its columns, and
     * loading it says so instead of encoding rows that run into each other.
     */
    @Test
    void savedProcessNarrowerThanItsColumnsIsRefused(@TempDir Path dir) throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), "c,label\n<unseen>,x\na,y\nb,x\n");
        FeatureTransform transform = FeatureTransform.fit(LabelledData.fromCsv(train, "label"), w -> { });
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> saved = transform.toJson(json);
        TransformProcess before = new TransformProcess.Builder(new Schema.Builder().addColumnString("c").build())
                .transform(new ReplaceEmptyStringTransform("c", "a"))
                .stringToCategorical("c", List.of("<unseen>", "a", "b", "<unseen>")).categoricalToOneHot("c")
                .removeColumns("c[<unseen>]").build();
        saved.put("transform_process", json.readTree(before.toJson()));
        DlkitException e = org.junit.jupiter.api.Assertions.assertThrows(DlkitException.class,
                () -> FeatureTransform.fromJson(json.readTree(json.writeValueAsString(saved)), json));
        assertEquals("the saved transform's DataVec process gives 2 inputs, its columns 3 (a category named "
                + "'<unseen>'?); train the model again", e.getMessage());
    }

    private static List<Float> boxed(float[] values) {
        return IntStream.range(0, values.length).mapToObj(i -> values[i]).toList();
    }

    /** {@code rows} in a random order, some twice, as a split or an epoch may ask for them. */
    private static int[] shuffled(int[] rows, SplittableRandom random) {
        int[] out = Arrays.copyOf(rows, rows.length + rows.length / 10);
        for (int i = rows.length; i < out.length; i++) {
            out[i] = rows[random.nextInt(rows.length)];
        }
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), r = out[i];
            out[i] = out[j];
            out[j] = r;
        }
        return out;
    }

    /** {@code transform} written to JSON and read back, as a saved model holds it. */
    private static FeatureTransform reloaded(FeatureTransform transform) throws IOException {
        ObjectMapper json = new ObjectMapper();
        return FeatureTransform.fromJson(json.readTree(json.writeValueAsString(transform.toJson(json))), json);
    }

    /**
     * The direct encoding against the old one: the same outcome, floats bit for bit; returns the floats compared and
     * adds to {@code seen} the cases met (a cell filled in, an unseen category, a --missing error).
     */
    private static int assertEncodedAsBefore(FeatureTransform transform, RawTable table, int[] rows, String where,
                                             Set<String> seen) {
        List<String> newWarnings = new ArrayList<>(), oldWarnings = new ArrayList<>();
        FeatureTransform.Encoded direct, before;
        try {
            direct = transform.encode(table, rows, newWarnings::add);
        } catch (DlkitException e) {
            DlkitException old = null;
            try {
                EncodingBeforeDirect.encode(transform, table, rows, w -> { });
            } catch (DlkitException o) {
                old = o;
            }
            assertEquals(old == null ? null : old.getMessage(), e.getMessage(), where);
            seen.add("error message");
            return 0;
        }
        before = EncodingBeforeDirect.encode(transform, table, rows, oldWarnings::add);
        // the warnings about cells that are not numbers come before either encoding, unchanged
        assertEquals(oldWarnings, newWarnings.stream().filter(w -> w.endsWith("encoded as all zeros")).toList(),
                where);
        assertEquals(before.imputed(), direct.imputed(), where);
        if (before.imputed() > 0) {
            seen.add("imputed");
        }
        if (!oldWarnings.isEmpty()) {
            seen.add("unseen warning");
        }
        assertEquals(before.columns(), direct.columns(), where);
        assertEquals(before.values().length, direct.values().length, where);
        for (int i = 0; i < direct.values().length; i++) {
            if (Float.floatToRawIntBits(before.values()[i]) != Float.floatToRawIntBits(direct.values()[i])) {
                fail(String.format(Locale.ROOT, "row %d, output '%s': DataVec %s, direct %s%n%s", i / direct.columns(),
                        transform.outputNames().get(i % direct.columns()), before.values()[i], direct.values()[i],
                        where));
            }
        }
        return direct.values().length;
    }

    /** Each numeric column's missing count, smallest, largest and median (its fill) as a sort of its values gives. */
    private static void assertSummariesAsSorting(FeatureTransform transform, LabelledData data, String where) {
        for (ColumnSchema c : transform.schema().columns()) {
            if (c.kind() != ColumnKind.NUMERIC) {
                continue;
            }
            RawColumn column = data.table().column(c.name());
            float[] values = Arrays.stream(data.tableRows()).mapToObj(column::value).filter(v -> !Float.isNaN(v))
                    .collect(() -> new float[][] {new float[0]}, (a, v) -> {
                        a[0] = Arrays.copyOf(a[0], a[0].length + 1);
                        a[0][a[0].length - 1] = v;
                    }, (a, b) -> { }) [0];
            Arrays.sort(values);
            int n = values.length;
            float median = n % 2 == 1 ? values[n / 2] : (float) (((double) values[n / 2 - 1] + values[n / 2]) / 2);
            String what = "column '" + c.name() + "' of " + where;
            assertEquals(data.tableRows().length - n, c.missing(), what);
            assertEquals(Double.doubleToRawLongBits(values[0]), Double.doubleToRawLongBits(c.min()), what);
            assertEquals(Double.doubleToRawLongBits(values[n - 1]), Double.doubleToRawLongBits(c.max()), what);
            assertEquals(ColumnSchema.display(median), c.fill(), what);
        }
    }

    /** A generated pair of CSV texts (training rows, rows to predict) and the options to read them with. */
    private record Generated(String train, String other, TableOptions options, char delimiter) { }

    /** Table {@code t}: 1–12 feature columns of random kinds and a label; 20–300 rows, and 1–60 to predict. */
    private static Generated generate(SplittableRandom random, int t) {
        boolean decimalComma = random.nextInt(6) == 0;
        char delimiter = decimalComma ? ';' : ',';
        int width = 1 + random.nextInt(12);
        Kind[] kinds = new Kind[width];
        double[] gapRate = new double[width];
        boolean[] allGapsToPredict = new boolean[width];
        List<String> names = new ArrayList<>();
        List<String> categorical = new ArrayList<>(), numeric = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            do {
                kinds[j] = Kind.values()[random.nextInt(Kind.values().length)];
            } while (decimalComma && (kinds[j] == Kind.CURRENCY || kinds[j] == Kind.THOUSANDS
                    || kinds[j] == Kind.PERCENT) || kinds[j] == Kind.ID && names.contains("id"));
            names.add(kinds[j] == Kind.ID ? "id" : "c" + j);
            gapRate[j] = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 0.3;
            allGapsToPredict[j] = random.nextInt(8) == 0;
            if (kinds[j] == Kind.NUMBERS_AS_CATEGORIES || kinds[j] == Kind.DATE && random.nextBoolean()) {
                categorical.add(names.get(j));
            }
            if (kinds[j] == Kind.TYPO && random.nextBoolean()) {
                numeric.add(names.get(j));
            }
        }
        String header = String.join(String.valueOf(delimiter), names) + delimiter + "label\n";
        Column[] columns = new Column[width];
        for (int j = 0; j < width; j++) {
            columns[j] = new Column(kinds[j], random.split(), decimalComma);
        }
        int trainRows = 20 + random.nextInt(281);
        int otherRows = 1 + random.nextInt(60);
        StringBuilder train = new StringBuilder(header), other = new StringBuilder(header);
        for (int r = 0; r < trainRows + otherRows; r++) {
            boolean predicting = r >= trainRows;
            StringBuilder sb = predicting ? other : train;
            for (int j = 0; j < width; j++) {
                boolean gap = r > 0 && random.nextDouble() < gapRate[j] || predicting && allGapsToPredict[j];
                sb.append(gap ? GAPS[random.nextInt(GAPS.length)] : columns[j].cell(r, predicting)).append(delimiter);
            }
            sb.append(r < 3 ? "xyz".charAt(r) : "xyz".charAt(random.nextInt(3))).append('\n');
        }
        TableOptions options = TableOptions.DEFAULT.withCategorical(categorical).withNumeric(numeric)
                .withMissing(random.nextInt(10) == 0 ? MissingPolicy.ERROR : MissingPolicy.IMPUTE);
        if (decimalComma) {
            options = new TableOptions(options.categorical(), options.numeric(), options.ignore(),
                    options.missingValues(), options.missing(), options.maxCategories(),
                    new CsvFormat(';', CsvFormat.Decimal.COMMA));
        }
        return new Generated(train.toString(), other.toString(), options, delimiter);
    }

    /** The cells of one generated column. */
    private static final class Column {
        private final Kind kind;
        private final SplittableRandom random;
        private final boolean decimalComma;
        private final double scale;
        private final int distinct;
        private final String[] booleans;
        private final String constant;
        private final int typoRow;

        Column(Kind kind, SplittableRandom random, boolean decimalComma) {
            this.kind = kind;
            this.random = random;
            this.decimalComma = decimalComma;
            this.scale = new double[] {1e-30, 1e-6, 1e-3, 1, 1e3, 1e7, 1e20}[random.nextInt(7)];
            this.distinct = 1 + random.nextInt(8);
            this.booleans = BOOLEANS[random.nextInt(BOOLEANS.length)];
            this.constant = random.nextBoolean() ? "7" : random.nextBoolean() ? "red" : "-0";
            this.typoRow = random.nextInt(20);
        }

        /** Row {@code r}'s cell; rows to predict have other categories, spellings and ranges now and then. */
        String cell(int r, boolean predicting) {
            boolean novel = predicting && random.nextInt(4) == 0;
            return switch (kind) {
                case INT -> Integer.toString(random.nextInt(-distinct, distinct + 1) * (novel ? 1000 : 1));
                case FLOAT -> number((float) (random.nextGaussian() * scale));
                case ZEROS -> new String[] {"-0", "0", "-0.0", "0.0", "-0.000", "1", "-1e-45"}[random.nextInt(novel ? 7
                        : 5)];
                case EXTREME -> new String[] {"3.4028235e38", "-3.4028235e38", "1.4e-45", "-1.4e-45", "1e-40",
                        "16777217", "123456789012", "1e15", "-9.99e14", "1e20", "0.1", "2.5", "3.5"}
                        [random.nextInt(13)].replace('.', decimalComma ? ',' : '.');
                case CURRENCY -> "\"" + (random.nextInt(5) == 0 ? "-" : "") + "$"
                        + String.format(Locale.ROOT, "%,.2f", random.nextInt(1_000_000) / 100.0) + "\"";
                case THOUSANDS -> "\"" + String.format(Locale.ROOT, "%,d", 1000 + random.nextInt(5_000_000)) + "\"";
                case PERCENT -> random.nextInt(1000) / 10.0 + "%";
                case BOOLEAN -> novel ? (random.nextBoolean() ? "true" : "False") : booleans[random.nextInt(2)];
                case DATE -> String.format(Locale.ROOT, DATES[(r + distinct) % DATES.length], 1 + r % 28);
                case CATEGORY -> novel ? "zz" + random.nextInt(3) : distinct == 8 && random.nextInt(4) == 0
                        ? FeatureTransform.UNSEEN : "k" + random.nextInt(distinct);
                case ID -> Integer.toString(10_000 + r);
                case TYPO -> r == typoRow || novel && random.nextInt(5) == 0 ? "abc"
                        : number((float) random.nextInt(100) / 4);
                case CONSTANT -> novel ? "8" : constant;
                case TEXT -> "name " + random.nextInt(100_000);
                case NUMBERS_AS_CATEGORIES -> Integer.toString(novel ? 99 : random.nextInt(distinct));
            };
        }

        private String number(float v) {
            String s = random.nextInt(10) == 0 ? String.format(Locale.ROOT, "%.3e", v) : Float.toString(v);
            return decimalComma ? s.replace('.', ',') : s;
        }
    }
}
