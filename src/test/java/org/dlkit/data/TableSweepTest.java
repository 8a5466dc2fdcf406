package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables a new user brings that the bundled ones do not show: a regression-shaped label, a typo in a numeric column,
 * labels and categories that differ only in case, booleans, tiny and wide tables, unicode names, the label first.
 */
class TableSweepTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** {@code rows} rows of two numeric features and a label from {@code label.apply(i, random)}. */
    private Path table(String name, int rows, java.util.function.BiFunction<Integer, Random, String> label)
            throws IOException {
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder("a,b,price\n");
        for (int i = 0; i < rows; i++) {
            sb.append(random.nextInt(10)).append(',').append(random.nextInt(5)).append(',')
                    .append(label.apply(i, random)).append('\n');
        }
        return write(name, sb.toString());
    }

    @Test
    void aContinuousLabelIsOneClearLine() throws IOException {
        Path prices = table("prices.csv", 200, (i, r) -> String.format(java.util.Locale.ROOT, "%.4f", r.nextDouble()));
        DlkitException e = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(prices, "price"));
        assertEquals(prices + ": label 'price' has 200 distinct numeric values in 200 rows: it looks continuous, and "
                + "dlkit trains classifiers; pick a class column with --label, or bin the values into classes",
                e.getMessage());
        Path counts = table("counts.csv", 200, (i, r) -> Integer.toString(1000 + i * 7));
        assertThrows(DlkitException.class, () -> LabelledData.fromCsv(counts, "price"), "200 distinct whole numbers");
        Path fractionalLevels = table("levels.csv", 200, (i, r) -> Double.toString(0.5 + (i % 21) * 0.5));
        assertThrows(DlkitException.class, () -> LabelledData.fromCsv(fractionalLevels, "price"), "21 > 20 levels");
    }

    @Test
    void classCodesAndHalfStepRatingsAreStillClasses() throws IOException {
        Path codes = table("codes.csv", 200, (i, r) -> Integer.toString(i % 10));
        assertEquals(10, LabelledData.fromCsv(codes, "price").numClasses());
        Path ratings = table("ratings.csv", 200, (i, r) -> Double.toString(0.5 + (i % 10) * 0.5));
        assertEquals(10, LabelledData.fromCsv(ratings, "price").numClasses());
        Path many = table("many.csv", 1000, (i, r) -> Integer.toString(i % 100));
        assertEquals(100, LabelledData.fromCsv(many, "price").numClasses(), "100 classes of 10 rows each");
        Path small = table("small.csv", 60, (i, r) -> Integer.toString(i % 50));
        assertEquals(50, LabelledData.fromCsv(small, "price").numClasses(), "50 whole-number classes");
    }

    @Test
    void aTypoInANumericColumnIsReadAsMissingWithAWarningNamingTheLine() throws IOException {
        StringBuilder sb = new StringBuilder("size,colour,label\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i == 16 ? "12..5" : String.valueOf(10 + i % 7 + 0.5)).append(',').append(i % 2 == 0 ? "red"
                    : "blue").append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        Path csv = write("typo.csv", sb.toString());
        LabelledData data = LabelledData.fromCsv(csv, "label");
        List<String> warnings = new ArrayList<>();
        FeatureTransform t = FeatureTransform.fit(data, warnings::add);
        ColumnSchema size = t.schema().column("size");
        assertEquals(ColumnKind.NUMERIC, size.kind());
        assertEquals(1, size.missing());
        assertEquals(List.of("column 'size': 1 of 60 training values is not a number; the column is taken as numeric "
                + "and such cells as missing (pass --categorical size to take it as categories)"), warnings);
        List<String> encoding = new ArrayList<>();
        FeatureTransform.Encoded x = t.encode(data.table(), new int[] {15, 16}, encoding::add);
        assertEquals(List.of(csv + ", column 'size': line 18 holds '12..5', not a number; read as missing"), encoding);
        Path dashes = write("dashes.csv", "size,colour\n-,red\n1,red\n-,blue\n-,red\n-,red\n");
        Path texts = write("texts.csv", "size,colour\n-,red\nbig,red\n1,red\n-,blue\nx,red\n");
        List<String> predicting = new ArrayList<>();
        t.encode(t.readCsv(dashes, CsvFormat.DETECT), new int[] {0, 1, 2, 3, 4}, predicting::add);
        t.encode(t.readCsv(texts, CsvFormat.DETECT), new int[] {0, 1, 2, 3, 4}, predicting::add);
        assertEquals(List.of(dashes + ", column 'size': lines 2, 4, 5 and 1 more hold '-', not a number; read as "
                + "missing", texts + ", column 'size': lines 2 ('-'), 3 ('big'), 5 ('-') and 1 more hold text, not "
                + "numbers; read as missing"), predicting);
        List<String> shuffled = new ArrayList<>(); // a split's rows come shuffled; the lines are named in file order
        t.encode(t.readCsv(dashes, CsvFormat.DETECT), new int[] {4, 2, 0, 3}, shuffled::add);
        assertEquals(List.of(dashes + ", column 'size': lines 2, 4, 5 and 1 more hold '-', not a number; read as "
                + "missing"), shuffled);
        assertEquals(Float.parseFloat(size.fill()), x.values()[x.columns()], "imputed with the median");
        assertEquals(1, x.imputed());

        FeatureTransform dropping = FeatureTransform.of(t.schema(), MissingValues.DEFAULT, MissingPolicy.DROP);
        assertEquals(59, dropping.withoutMissing(data).numExamples(), "--missing drop leaves the row out");
        FeatureTransform strict = FeatureTransform.of(t.schema(), MissingValues.DEFAULT, MissingPolicy.ERROR);
        DlkitException e = assertThrows(DlkitException.class, () -> strict.encode(data.table(), new int[] {16},
                w -> { }));
        assertEquals(csv + ", line 18, column 'size': '12..5' is not a number (--missing error)", e.getMessage());

        List<String> asked = new ArrayList<>();
        TableSchema categories = FeatureTransform.fit(LabelledData.fromCsv(csv, "label", TableOptions.DEFAULT
                .withCategorical(List.of("size"))), asked::add).schema();
        assertEquals(ColumnKind.CATEGORICAL, categories.column("size").kind(), "--categorical keeps the text");
    }

    @Test
    void aColumnWithMuchTextIsNotTakenForNumbers() throws IOException {
        StringBuilder sb = new StringBuilder("size,label\n");
        for (int i = 0; i < 40; i++) {
            sb.append(i % 4 == 0 ? "big" : String.valueOf(i % 3)).append(',').append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        LabelledData data = LabelledData.fromCsv(write("text.csv", sb.toString()), "label");
        assertEquals(ColumnKind.CATEGORICAL, FeatureTransform.fit(data, w -> { }).schema().column("size").kind(),
                "10 of 40 cells are text: categories");
        List<String> warnings = new ArrayList<>();
        TableOptions numeric = TableOptions.DEFAULT.withNumeric(List.of("size"));
        assertEquals(ColumnKind.NUMERIC, FeatureTransform.fit(LabelledData.fromCsv(data.source(), "label", numeric),
                warnings::add).schema().column("size").kind(), "--numeric reads the text as missing");
        assertEquals(List.of("column 'size': 10 of 40 training values are not numbers; the column is taken as numeric "
                + "and such cells as missing (--numeric)"), warnings);
        Path half = write("half.csv", "size,label\nbig,a\n1,b\nsmall,a\n2,b\n");
        DlkitException e = assertThrows(DlkitException.class, () -> FeatureTransform.fit(LabelledData.fromCsv(
                half, "label", numeric), w -> { }));
        assertTrue(e.getMessage().endsWith("column 'size': --numeric, but line 2 holds 'big', not a number"),
                e.getMessage());
    }

    @Test
    void predictDataWithTheOtherDecimalMarkIsNamedAsSuch() throws IOException {
        StringBuilder sb = new StringBuilder("size;label\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i).append(",5;").append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        FeatureTransform commas = FeatureTransform.fit(LabelledData.fromCsv(write("eu.csv", sb.toString()), "label",
                TableOptions.DEFAULT.withDecimalComma(true)), w -> { });
        Path points = write("points.csv", "size\n1.5\n2.5\n");
        DlkitException e = assertThrows(DlkitException.class, () -> commas.checkColumns(
                commas.readCsv(points, ';'), "label"));
        assertTrue(e.getMessage().endsWith("column 'size': numeric in training, but line 2 holds '1.5', a number with a "
                + "decimal point, and the model reads decimal commas as its training file had them: write them with "
                + "commas, or save the file comma-separated (read with decimal points)"), e.getMessage());
        FeatureTransform pointsModel = FeatureTransform.fit(LabelledData.fromCsv(write("us.csv",
                sb.toString().replace(',', '.')), "label"), w -> { });
        Path eu = write("eu-rows.csv", "size\n1,5\n2,5\n");
        DlkitException c = assertThrows(DlkitException.class, () -> pointsModel.checkColumns(
                pointsModel.readCsv(eu, ';'), "label"));
        assertTrue(c.getMessage().endsWith("line 2 holds '1,5', a number with a decimal comma: read the file with "
                + "decimal commas (--decimal-comma)"), c.getMessage());
        pointsModel.checkColumns(pointsModel.readCsv(eu, pointsModel.csvFormat(';', true), null), "label");
    }

    @Test
    void aColumnWithNoValuesInRowsToPredictIsNamedWithWhatFillsItIn() throws IOException {
        StringBuilder sb = new StringBuilder("size,colour,label\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i).append(".5,").append(i % 3 == 0 ? "red" : "blue").append(',').append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        FeatureTransform t = FeatureTransform.fit(LabelledData.fromCsv(write("train.csv", sb.toString()), "label"),
                w -> { });
        RawTable rows = t.readCsv(write("p.csv", "size,colour\n,red\nNA,\n,blue\n"), CsvFormat.DETECT);
        List<String> warnings = new ArrayList<>();
        t.encode(rows, new int[] {0, 1, 2}, warnings::add);
        assertEquals(List.of(rows.source() + ", column 'size': no values (all 3 rows missing); each is filled in with "
                + "the training median, 10"), warnings);
        RawTable one = t.readCsv(write("p1.csv", "size,colour\n,red\n"), CsvFormat.DETECT);
        List<String> none = new ArrayList<>();
        t.encode(one, new int[] {0}, none::add);
        assertEquals(List.of(), none, "a single row with a gap is filled in as any gap");
    }

    @Test
    void booleansInAnotherCaseThanTrainingAreReadAsTrainedAsPandasReadsThem() throws IOException {
        // pandas' to_csv writes True/False; Excel saves the file again as TRUE/FALSE; read_csv reads both as booleans
        StringBuilder sb = new StringBuilder("vip,plan,label\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i % 3 == 0 ? "True" : "False").append(',').append(i % 2 == 0 ? "Pro" : "basic").append(',')
                    .append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        FeatureTransform t = FeatureTransform.fit(LabelledData.fromCsv(write("train.csv", sb.toString()), "label"),
                w -> { });
        RawTable asTrained = t.readCsv(write("p.csv", "vip,plan\nTrue,Pro\nFalse,basic\nFalse,pro\n"),
                CsvFormat.DETECT);
        RawTable excel = t.readCsv(write("p-excel.csv", "vip,plan\nTRUE,Pro\nfalse,basic\nFALSE,pro\n"),
                CsvFormat.DETECT);
        List<String> warnings = new ArrayList<>();
        float[] expected = t.encode(asTrained, new int[] {0, 1, 2}, w -> { }).values();
        assertArrayEquals(expected, t.encode(excel, new int[] {0, 1, 2}, warnings::add).values());
        assertEquals(List.of(excel.source() + ", column 'plan': 'pro' (1 row, training has 'Pro') not seen in "
                + "training; encoded as all zeros"), warnings, "only booleans are read in any case, as pandas does");
    }

    @Test
    void booleanLabelsInAnotherCaseAreTheModelsClasses() throws IOException {
        Path excel = write("labels-excel.csv", "x,churn\n1,TRUE\n2,false\n3,True\n");
        LabelledData data = LabelledData.fromCsv(excel, "churn", List.of("False", "True"));
        assertArrayEquals(new int[] {1, 0, 1}, data.labels());
        DlkitException e = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(write("labels-case.csv",
                "x,plan\n1,PRO\n"), "plan", List.of("Pro", "basic")));
        assertTrue(e.getMessage().contains("unknown class 'PRO' (did you mean 'Pro'?"), e.getMessage());
    }

    @Test
    void numbersWithThousandsSeparatorsInRowsToPredictAreReadWhenTrainingWroteThemPlainly() throws IOException {
        // pandas' to_csv wrote 1234.5; the rows to predict come back from a spreadsheet as "1,234.50"
        StringBuilder sb = new StringBuilder("total,label\n");
        for (int i = 0; i < 40; i++) {
            sb.append(200 + i * 97.5).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        FeatureTransform t = FeatureTransform.fit(LabelledData.fromCsv(write("train.csv", sb.toString()), "label"),
                w -> { });
        RawTable plain = t.readCsv(write("p.csv", "total\n1234.5\n987\n12000\n"), CsvFormat.DETECT);
        RawTable grouped = t.readCsv(write("p-grouped.csv", "total\n\"1,234.50\"\n987\n\"$12,000\"\n"),
                CsvFormat.DETECT);
        t.checkColumns(grouped, "label");
        List<String> warnings = new ArrayList<>();
        assertArrayEquals(t.encode(plain, new int[] {0, 1, 2}, w -> { }).values(),
                t.encode(grouped, new int[] {0, 1, 2}, warnings::add).values());
        assertEquals(List.of(), warnings);
        RawTable percent = t.readCsv(write("p-percent.csv", "total\n12%\n15%\n"), CsvFormat.DETECT);
        DlkitException p = assertThrows(DlkitException.class, () -> t.checkColumns(percent, "label"),
                "12% may be 0.12 in training");
        assertTrue(p.getMessage().endsWith("column 'total': numeric in training, but line 2 holds '12%', a number "
                + "with a percent sign, which the training file did not write: write the numbers as it did (12% as "
                + "12, or as 0.12 if it held fractions)"), p.getMessage());
        RawTable semicolons = t.readCsv(write("p-semicolons.csv", "total;x\n1,250;1\n2,500;2\n"), CsvFormat.DETECT);
        DlkitException e = assertThrows(DlkitException.class, () -> t.checkColumns(semicolons.without(List.of("x")),
                "label"), "1,250 in a ';' file may be 1.25");
        assertTrue(e.getMessage().contains("decimal comma"), e.getMessage());
    }

    @Test
    void predictDataWithMostlyTextInANumericColumnIsRefused() throws IOException {
        StringBuilder sb = new StringBuilder("size,label\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i).append(".5,").append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        FeatureTransform t = FeatureTransform.fit(LabelledData.fromCsv(write("train.csv", sb.toString()), "label"),
                w -> { });
        RawTable text = RawTable.readCsv(write("p.csv", "size\nsmall\n3\n"), MissingValues.DEFAULT);
        DlkitException e = assertThrows(DlkitException.class, () -> t.checkColumns(text, "label"));
        assertTrue(e.getMessage().endsWith("column 'size': numeric in training, but line 2 holds 'small', which is no "
                + "number and none of the model's missing-value texts (an empty cell, NA, N/A, null, ?, NaN, Excel's error values such as #N/A)"),
                e.getMessage());
        RawTable typo = RawTable.readCsv(write("p2.csv", "size\n1\n2\n3..\n4\n"), MissingValues.DEFAULT);
        t.checkColumns(typo, "label");
        List<String> warnings = new ArrayList<>();
        t.encode(typo, new int[] {0, 1, 2, 3}, warnings::add);
        assertEquals(List.of(typo.source() + ", column 'size': line 4 holds '3..', not a number; read as missing"),
                warnings);
    }

    @Test
    void labelsAndCategoriesDifferingOnlyInCaseAreNamed() throws IOException {
        StringBuilder sb = new StringBuilder("plan,label\n");
        String[] plans = {"Pro", "pro", "basic"};
        String[] labels = {"Yes", "yes", "no"};
        for (int i = 0; i < 30; i++) {
            sb.append(plans[i % 3]).append(',').append(labels[i % 3]).append('\n');
        }
        LabelledData data = LabelledData.fromCsv(write("case.csv", sb.toString()), "label");
        assertEquals(List.of("Yes", "no", "yes"), data.classNames(), "kept apart, as pandas keeps them");
        List<String> warnings = new ArrayList<>();
        FeatureTransform.fit(data, warnings::add);
        assertEquals(List.of("column 'plan': 'Pro' and 'pro' (10 and 10 rows) differ only in case and are taken as 2 "
                + "categories; if they are one, write it one way in the file",
                "label 'label': 'Yes' and 'yes' (10 and 10 rows) differ only in case and are taken as 2 classes; if "
                + "they are one, write it one way in the file"), warnings.subList(0, 2));
        assertTrue(warnings.get(2).startsWith("column 'plan' alone gives the label 'label' away"), "plan "
                + "determines the label in these rows: " + warnings);
        assertEquals(3, warnings.size(), warnings.toString());
    }

    @Test
    void everyGroupOfLabelsDifferingOnlyInCaseIsNamedWithItsRows() throws IOException {
        StringBuilder sb = new StringBuilder("x,answer\n");
        String[] labels = {"Yes", "yes", "YES", "No", "no", "NO", "Yes", "No"};
        for (int i = 0; i < 80; i++) {
            sb.append(i % 7).append(',').append(labels[i % labels.length]).append('\n');
        }
        LabelledData data = LabelledData.fromCsv(write("cases.csv", sb.toString()), "answer");
        assertEquals(6, data.numClasses(), "kept apart, as pandas keeps them");
        List<String> warnings = new ArrayList<>();
        FeatureTransform.fit(data, warnings::add);
        assertEquals(List.of("label 'answer': 'NO', 'No' and 'no' (10, 20 and 10 rows); 'YES', 'Yes' and 'yes' (10, "
                + "20 and 10 rows) differ only in case and are taken as 6 classes; if each group is one, write it "
                + "one way in the file"), warnings);
    }

    @Test
    void aCategoricalColumnMostlyMissingSaysHowToKeepTheGapsAsACategory() throws IOException {
        StringBuilder sb = new StringBuilder("Fence,Street,area,label\n");
        String[] fences = {"MnPrv", "GdWo", "GdPrv"};
        for (int i = 0; i < 100; i++) {
            sb.append(i % 5 < 3 ? "NA" : fences[i % 3]).append(',').append(i % 10 == 0 ? "" : i % 4 == 0 ? "Grvl"
                    : "Pave").append(',').append(1000 + i * 37 % 900).append(',').append(i % 5 < 3 ^ i % 7 == 0 ? "low"
                    : "high").append('\n');
        }
        Path csv = write("fences.csv", sb.toString());
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(csv, "label"), warnings::add).schema();
        assertEquals("MnPrv", schema.column("Fence").fill(), "the gaps are filled in with the most frequent category");
        assertEquals(List.of("column 'Fence': 60 of 100 training cells are missing, more than the 14 rows of "
                + "'MnPrv', the most frequent category, which they are filled in with; if a missing value means 'none' "
                + "here, keep it as a category of its own: pass --missing-values without the text that marks it (now "
                + "NA,N/A,null,?,NaN; an empty cell is always missing)"), warnings.stream()
                .filter(w -> w.startsWith("column 'Fence': ")).toList());
        assertTrue(warnings.stream().noneMatch(w -> w.startsWith("column 'Street'")), "10 gaps among 90 values: "
                + warnings);
        TableOptions naKept = TableOptions.DEFAULT.withMissingValues(new MissingValues(List.of("N/A", "null", "?",
                "NaN")));
        List<String> none = new ArrayList<>();
        TableSchema kept = FeatureTransform.fit(LabelledData.fromCsv(csv, "label", naKept), none::add).schema();
        assertEquals(List.of("GdPrv", "GdWo", "MnPrv", "NA"), kept.column("Fence").categories());
        assertTrue(none.stream().noneMatch(w -> w.startsWith("column 'Fence': ")), none.toString());
        StringBuilder two = new StringBuilder("Alley,PoolQC,area,label\n");
        for (int i = 0; i < 100; i++) {
            two.append(i % 10 < 7 ? "NA" : i % 2 == 0 ? "Grvl" : "Pave").append(',').append(i % 25 == 0 ? "Ex" : "NA")
                    .append(',').append(1000 + i * 37 % 900).append(',').append(i % 3 == 0 ? "low" : "high")
                    .append('\n');
        }
        List<String> both = new ArrayList<>();
        FeatureTransform.fit(LabelledData.fromCsv(write("alley.csv", two.toString()), "label"), both::add);
        assertEquals(List.of("columns 'Alley' (70 of 100 training cells missing, more than the 20 rows of 'Pave'), "
                + "'PoolQC' (96 of 100 training cells missing, more than the 4 rows of 'Ex'): their gaps outnumber the "
                + "rows of the most frequent category, which they are filled in with; if a missing value means 'none' "
                + "there, keep it as a category of its own: pass --missing-values without the text that marks it (now "
                + "NA,N/A,null,?,NaN; an empty cell is always missing)"), both.stream().filter(w -> w.startsWith(
                "column")).toList(), "one line for the table");
    }

    @Test
    void codesWithALetterAmongNumericCodesAreTextNotTypos() throws IOException {
        // ICD-9 codes (Diabetes 130-US: 250.83, 428, and 1% V57, E888) and invoice numbers (Online Retail: 536365, and
        // 1.7% cancellations C536379) are codes, as pandas reads them (text), not numbers with a few typos
        String[] letterCodes = {"V57", "V58", "E888", "V45"};
        StringBuilder sb = new StringBuilder("diag,invoice,size,label\n");
        for (int i = 0; i < 400; i++) {
            sb.append(i % 100 == 7 ? letterCodes[i / 100] : (200 + i * 7 % 600) + (i % 3 == 0 ? ".8" + i % 10 : ""))
                    .append(',').append(i % 60 == 5 ? "C" + (536365 + i) : String.valueOf(536365 + i)).append(',')
                    .append(i == 16 ? "12..5" : String.valueOf(10 + i % 7)).append(',').append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        Path csv = write("codes-with-letters.csv", sb.toString());
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(csv, "label"), warnings::add).schema();
        assertEquals(ColumnKind.IGNORED, schema.column("diag").kind(), warnings.toString());
        assertEquals(ColumnKind.IGNORED, schema.column("invoice").kind(), warnings.toString());
        assertEquals(ColumnKind.NUMERIC, schema.column("size").kind(), "one typo stays a typo");
        assertTrue(warnings.stream().noneMatch(w -> w.contains("'diag': ") || w.contains("'invoice': ")),
                "not read as typos: " + warnings);
        StringBuilder one = new StringBuilder("diag,label\n");
        for (int i = 0; i < 400; i++) {
            one.append(i == 7 ? "V57" : String.valueOf(200 + i % 9)).append(',').append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        TableSchema single = FeatureTransform.fit(LabelledData.fromCsv(write("one-code.csv", one.toString()),
                "label"), w -> { }).schema();
        assertEquals(ColumnKind.NUMERIC, single.column("diag").kind(), "one such cell may be a typo");
    }

    @Test
    void booleansUnicodeNamesTheLabelFirstAndAWideTable() throws IOException {
        StringBuilder sb = new StringBuilder("klasse,größe (cm),aktiv,ja/nein,flag\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i % 2 == 0 ? "süß" : "sauer").append(',').append(150 + i * 7 % 13).append(',')
                    .append(i % 3 == 0 ? "true" : "false").append(',').append(i % 4 == 0 ? "yes" : "no").append(',')
                    .append(i % 5 == 0 ? 1 : 0).append('\n');
        }
        LabelledData data = LabelledData.fromCsv(write("unicode.csv", sb.toString()), "0");
        assertEquals("klasse", data.labelName());
        assertEquals(List.of("sauer", "süß"), data.classNames());
        TableSchema schema = FeatureTransform.fit(data, w -> { }).schema();
        assertEquals(List.of("false", "true"), schema.column("aktiv").categories());
        assertEquals(List.of("no", "yes"), schema.column("ja/nein").categories());
        assertEquals(ColumnKind.NUMERIC, schema.column("flag").kind());
        assertEquals(ColumnKind.NUMERIC, schema.column("größe (cm)").kind());

        StringBuilder wide = new StringBuilder();
        for (int c = 0; c < 150; c++) {
            wide.append('f').append(c).append(';');
        }
        wide.append("label\n");
        Random random = new Random(3);
        for (int r = 0; r < 30; r++) {
            for (int c = 0; c < 150; c++) {
                wide.append(random.nextInt(100)).append(';');
            }
            wide.append(r % 2 == 0 ? "x" : "y").append('\n');
        }
        LabelledData w = LabelledData.fromCsv(write("wide.csv", wide.toString()), null);
        assertEquals(150, w.featureNames().size());
        assertEquals(150, FeatureTransform.fit(w, x -> { }).schema().width());
    }

    @Test
    void aLabelInTheFirstColumnThatTheDefaultMissedIsNamed() throws IOException {
        StringBuilder sb = new StringBuilder("Class,x,y\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i % 2 == 0 ? "a" : "b").append(',').append(i % 5).append(',').append(i % 3).append('\n');
        }
        Path csv = write("first.csv", sb.toString());
        List<String> warnings = new ArrayList<>();
        FeatureTransform.fit(LabelledData.fromCsv(csv, null), warnings::add);
        assertEquals(List.of("column 'Class' is a feature and 'y' the label (the last column unless --label names "
                + "another); pass --label Class if 'Class' holds the classes"), warnings);
        List<String> none = new ArrayList<>();
        LabelledData asked = LabelledData.fromCsv(csv, "Class");
        FeatureTransform.fit(asked, none::add);
        assertEquals(List.of(), none);
        assertEquals(List.of("a", "b"), asked.classNames());
    }

    @Test
    void pandasIndexColumnIsLeftOutAsARowId() throws IOException {
        StringBuilder sb = new StringBuilder(",x,label\n");
        for (int i = 0; i < 30; i++) {
            sb.append(i).append(',').append(i % 4).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        LabelledData data = LabelledData.fromCsv(write("to_csv.csv", sb.toString()), "label");
        assertEquals(List.of("Unnamed: 0", "x"), data.featureNames());
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(data, warnings::add).schema();
        assertEquals(ColumnKind.IGNORED, schema.column("Unnamed: 0").kind());
        assertEquals("column 'Unnamed: 0' holds unique increasing integers, like a row ID; left out (pass "
                + "--numeric 'Unnamed: 0' to use it)", warnings.get(0));
        assertTrue(warnings.get(1).startsWith("column 'x' alone gives the label 'label' away"), "x = i % 4 "
                + "determines the label i % 2 in these rows: " + warnings);
        assertEquals(2, warnings.size(), warnings.toString());
    }

    @Test
    void theSmallestTablesTrainOrSayWhy() throws IOException {
        LabelledData two = LabelledData.fromCsv(write("two.csv", "a,label\n1,x\n2,x\n3,y\n4,y\n"), null);
        PreparedData.Parts parts = PreparedData.split(two, new PreparedData.Split(0.5, 0, 1));
        assertEquals(2, parts.train().numExamples());
        assertEquals(2, parts.test().numExamples());
        DlkitException one = assertThrows(DlkitException.class, () -> PreparedData.split(LabelledData.fromCsv(
                write("one.csv", "a,label\n1,x\n2,x\n3,y\n"), null), new PreparedData.Split(0.5, 0, 1)));
        assertTrue(one.getMessage().endsWith("class 'y' has 1 row; the train/test split needs at least 2 per class"),
                one.getMessage());
        // with a validation part a class of 1 row is told the 3 it needs, not 2 (then refused again at 2 rows)
        LabelledData single = LabelledData.fromCsv(write("single.csv", "a,label\n1,x\n2,x\n3,x\n4,y\n"), null);
        DlkitException singleWithValidation = assertThrows(DlkitException.class, () -> PreparedData.split(single,
                new PreparedData.Split(0.2, 0.2, 1)));
        assertEquals(single.source() + ": class 'y' has 1 row, too few for a test, a validation and a training row; "
                + "expected at least 3 rows per class (or --validation-fraction 0; in Java validationFraction(0))",
                singleWithValidation.getMessage());
        DlkitException three = assertThrows(DlkitException.class, () -> PreparedData.split(two,
                new PreparedData.Split(0.2, 0.2, 1)));
        assertEquals(two.source() + ": class 'x' has 2 rows, too few for a test, a validation and a training row; "
                + "expected at least 3 rows per class (or --validation-fraction 0; in Java validationFraction(0))",
                three.getMessage());
        LabelledData three3 = LabelledData.fromCsv(write("three.csv", "a,label\n1,x\n2,x\n3,x\n4,y\n5,y\n6,y\n"),
                null);
        PreparedData.Parts p = PreparedData.split(three3, new PreparedData.Split(0.2, 0.2, 1));
        assertEquals(List.of(2, 2, 2), List.of(p.train().numExamples(), p.validation().numExamples(),
                p.test().numExamples()));
        // enough rows, but a test fraction that leaves one: the message names the fraction, not the row count
        DlkitException greedy = assertThrows(DlkitException.class, () -> PreparedData.split(three3,
                new PreparedData.Split(0.9, 0.2, 1)));
        assertEquals(three3.source() + ": --test-fraction 0.9 holds out 2 of the 3 rows of class 'x', leaving 1, too few "
                + "for a validation and a training row; expected a lower --test-fraction (or --validation-fraction 0; "
                + "in Java testFraction(f), validationFraction(0))",
                greedy.getMessage());
    }

    @Test
    void aColumnWhoseOnlyTextIsInTheTestRowsIsNumeric() throws IOException {
        StringBuilder sb = new StringBuilder("size,label\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i == 10 ? "12..5" : String.valueOf(10 + i % 7)).append(',').append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        LabelledData data = LabelledData.fromCsv(write("typo-in-test.csv", sb.toString()), "label");
        int[] others = java.util.stream.IntStream.range(0, 60).filter(i -> i != 10).toArray();
        List<String> warnings = new ArrayList<>();
        FeatureTransform t = FeatureTransform.fit(data.rows(others), warnings::add);
        assertEquals(ColumnKind.NUMERIC, t.schema().column("size").kind());
        assertEquals(List.of(), warnings, "nothing to say about the training rows");
    }

    @Test
    void integersWithLeadingZerosStayNumbersWithAWarningNamingCategorical() throws IOException {
        StringBuilder sb = new StringBuilder("zip,hour,x,label\n");
        String[] zips = {"10001", "94105", "02139", "60601"};
        for (int i = 0; i < 300; i++) {
            sb.append(zips[i % 4]).append(',').append(i % 24).append(',').append(i % 7 == 0 ? "\"0.5\"" : "1.25")
                    .append(',').append(i / 5 % 2 == 0 ? "a" : "b").append('\n'); // no column gives the label away
        }
        String text = sb.toString();
        for (int threads : new int[] {1, 2}) { // the fast path of plain numbers and the parallel reader see it too
            Path csv = write("zips-" + threads + ".csv", text);
            RawTable table = CsvReader.read(csv, MissingValues.DEFAULT, CsvFormat.DEFAULT, threads, 1024);
            List<String> warnings = new ArrayList<>();
            TableSchema schema = FeatureTransform.fit(LabelledData.of(table, 3, null, TableOptions.DEFAULT),
                    warnings::add).schema();
            assertEquals(ColumnKind.NUMERIC, schema.column("zip").kind(), "numbers, as pandas reads them");
            assertEquals(List.of("column 'zip' holds integers written with leading zeros (e.g. '02139'): codes, such "
                    + "as ZIP or product codes? taken as numbers (pass --categorical zip to take them as categories, "
                    + "as written)"), warnings, "threads " + threads);
        }
    }

    @Test
    void integersWithLeadingZerosAfterTheFirstAreReadAsTheNumbersTheyWrite() throws IOException {
        StringBuilder sb = new StringBuilder("zip,x,label\n");
        for (int i = 0; i < 400; i++) { // the first zero-led cell is noted, the later ones take the fast path
            String zip = String.format(Locale.ROOT, "%05d", i % 3 == 0 ? 1000 + i : 10_000 + i);
            sb.append(i % 5 == 0 ? '"' + zip + '"' : zip).append(',').append(i % 9 == 0 ? "007.5" : "0.25")
                    .append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        for (int threads : new int[] {1, 2}) {
            RawTable table = CsvReader.read(write("zips-later-" + threads + ".csv", sb.toString()),
                    MissingValues.DEFAULT, CsvFormat.DEFAULT, threads, 1024);
            RawColumn zip = table.column("zip");
            assertEquals("01000", zip.leadingZeros(), "the first one, threads " + threads);
            for (int i = 0; i < 400; i++) {
                assertEquals(i % 3 == 0 ? 1000 + i : 10_000 + i, zip.value(i), "row " + i + ", threads " + threads);
                assertEquals(i % 9 == 0 ? 7.5f : 0.25f, table.column("x").value(i), "row " + i);
            }
        }
    }

    @Test
    void timesOfDayAndNumbersWithAUnitAreNamedAsSuchNotAsFreeText() throws IOException {
        StringBuilder sb = new StringBuilder("clock,weight,name,x,quoted,label\n");
        for (int i = 0; i < 200; i++) {
            sb.append(String.format(Locale.ROOT, "%02d:%02d,%.1f kg,Customer %d,%d,'%.2f',%s%n", i % 24, (i * 7) % 60,
                    50 + i * 0.3, i, i % 7, i * 0.37, i % 2 == 0 ? "a" : "b"));
        }
        Path csv = write("units.csv", sb.toString());
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(csv, "label"), warnings::add).schema();
        assertEquals(ColumnKind.IGNORED, schema.column("clock").kind());
        assertEquals(ColumnKind.IGNORED, schema.column("weight").kind());
        assertEquals(List.of("column 'clock' looks like times of day (e.g. '00:00'); left out (to use it, write it as a "
                        + "number, such as hours since midnight: 14:30 as 14.5)",
                "column 'weight' holds numbers with a unit (e.g. '100.1 kg'); left out (to use it, write the numbers "
                        + "without ' kg', and the unit in the column's name)",
                "column 'name' has 200 distinct values (more than 50: an ID, a name or free text?); left out (pass "
                        + "--categorical name to one-hot encode it)",
                "column 'quoted' holds values in single quotes (e.g. ''0.00''); left out (CSV quotes a field with "
                        + "double quotes, \", so the single quotes are part of each value: save the file with \" as "
                        + "the quote character)"), warnings);
        assertEquals("looks like times of day (e.g. '00:00')", schema.column("clock").reason());
    }

    @Test
    void durationsAndListsAreNamedAsSuchNotAsTimesOfDayOrFreeText() throws IOException {
        String[] genres = {"pop", "rock", "hip hop", "jazz", "edm", "latin", "indie", "r&b"};
        StringBuilder sb = new StringBuilder("duration,lap,genres,finish,x,label\n");
        for (int i = 0; i < 200; i++) {
            int seconds = 90 + i * 7 % 330;
            sb.append(String.format(Locale.ROOT, "%d:%02d,%d:%02d,\"['%s', '%s']\",%d:%02d:%02d,%d,%s%n", seconds / 60,
                    seconds % 60, 20 + i % 40, i % 60, genres[i % 8], genres[i / 8 % 8], 2 + i % 3, i % 60, i * 7 % 60,
                    i % 5, i % 2 == 0 ? "hit" : "flop"));
        }
        Path csv = write("tracks.csv", sb.toString());
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(csv, "label"), warnings::add).schema();
        assertEquals(List.of("column 'duration' looks like times of day or durations (e.g. '1:30'); left out (to use "
                        + "it, write it as a number: hours since midnight for a time of day, 14:30 as 14.5, seconds "
                        + "for a duration, 3:45 as 225)",
                "column 'lap' looks like durations (e.g. '20:00'); left out (to use it, write it as a number, such as "
                        + "seconds: 3:45 as 225)",
                "column 'genres' holds lists (e.g. '['edm', 'edm']'); left out (to use it, make a column for each "
                        + "element, 1 where a row's list holds it and 0 where not)",
                "column 'finish' looks like times of day or durations (e.g. '2:00:00'); left out (to use it, write it "
                        + "as a number: hours since midnight for a time of day, 14:30 as 14.5, seconds for a "
                        + "duration, 3:45 as 225)"), warnings);
        assertEquals("holds lists (e.g. '['edm', 'edm']')", schema.column("genres").reason());
    }

    @Test
    void aMissingValueMarkerTheListLacksIsNamedWithTheOptionsThatReadIt() throws IOException {
        StringBuilder sb = new StringBuilder("age,ca,label\n");
        for (int i = 0; i < 100; i++) {
            sb.append(i % 4 == 0 ? "-" : String.valueOf(1 + i * 0.7)).append(',').append(i % 9 == 0 ? "-" : i % 4)
                    .append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        Path csv = write("dashes.csv", sb.toString());
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(csv, "label"), warnings::add).schema();
        assertEquals(ColumnKind.IGNORED, schema.column("age").kind());
        assertEquals(List.of("column 'age' has 76 distinct values (more than 50: an ID, a name or free text?); left out "
                + "(pass --categorical age to one-hot encode it); its values are numbers but for '-' (25 of 100 "
                + "cells): if '-' marks a missing value, pass --missing-values NA,N/A,null,?,NaN,- or --numeric age",
                "column 'ca' is taken as categories; its values are numbers but for '-' (12 of 100 cells): if '-' marks "
                        + "a missing value, pass --missing-values NA,N/A,null,?,NaN,- or --numeric ca"), warnings);
        TableSchema read = FeatureTransform.fit(LabelledData.fromCsv(csv, "label", TableOptions.DEFAULT
                .withMissingValues(new MissingValues(List.of("NA", "N/A", "null", "?", "NaN", "-")))), w -> { })
                .schema();
        assertEquals(ColumnKind.NUMERIC, read.column("age").kind(), "the hint's option reads it");
        assertEquals(25, read.column("age").missing());
        assertEquals(ColumnKind.NUMERIC, read.column("ca").kind());
    }
}
