package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.dlkit.eval.Predictions;
import org.dlkit.model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schema inference, the DataVec transform learnt from training rows only, and the CSV reader's corner cases. */
class TablesTest {

    @TempDir
    Path dir;

    @Test
    void penguinsSchema() {
        LabelledData penguins = LabelledData.fromCsv(Path.of("datasets/penguins.csv"), "Species");
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(penguins, warnings::add).schema();
        assertEquals(ColumnKind.CATEGORICAL, schema.column("Island").kind());
        assertEquals(List.of("Biscoe", "Dream", "Torgersen"), schema.column("Island").categories());
        assertEquals(ColumnKind.CATEGORICAL, schema.column("Sex").kind());
        assertEquals(ColumnKind.NUMERIC, schema.column("Body Mass (g)").kind());
        assertEquals(2, schema.column("Body Mass (g)").missing());
        assertEquals(10, schema.column("Sex").missing());
        assertEquals(List.of(), warnings);
        assertEquals(4 + 3 + 3, schema.width(), "4 numbers, 3 islands, 3 sexes ('.', FEMALE, MALE)");
    }

    @Test
    void integerCodesNamedCategoricalKeepTheirDigitsAsWrittenInTrainingAndPrediction() throws IOException {
        StringBuilder sb = new StringBuilder("zip,store,x,label\n");
        String[] zips = {"02139", "02140", "10001"};
        String[] stores = {"20240017", "20240018", "20240019", "20240020"}; // one float apart above 2^24: 2
        for (int i = 0; i < 48; i++) {
            sb.append(zips[i % 3]).append(',').append(stores[i % 4]).append(',').append(i % 5).append(',')
                    .append(i % 4 < 2 ? "a" : "b").append('\n');
        }
        Path csv = Files.writeString(dir.resolve("codes.csv"), sb.toString());
        FeatureTransform t = FeatureTransform.fit(LabelledData.fromCsv(csv, "label",
                TableOptions.DEFAULT.withCategorical(List.of("zip", "store"))), w -> { });
        assertEquals(List.of(zips), t.schema().column("zip").categories(), "leading zeros kept");
        assertEquals(List.of(stores), t.schema().column("store").categories(), "four codes, not merged by a float");
        assertEquals(List.of("zip", "store"), t.schema().codeColumns());
        assertEquals(ColumnKind.NUMERIC, FeatureTransform.fit(LabelledData.fromCsv(csv, "label"), w -> { }).schema()
                .column("zip").kind(), "without --categorical: numbers, as pandas reads them");

        Path rows = Files.writeString(dir.resolve("rows.csv"), "x,store,zip\n1,20240018,02140\n");
        List<String> warnings = new ArrayList<>();
        float[] fromFile = t.encode(t.readCsv(rows, CsvFormat.DETECT), new int[] {0}, warnings::add).values();
        float[] fromApi = t.encode(RawTable.ofRows("row", List.of("x", "store", "zip"),
                List.of(List.of(1, 20240018, "02140")), t.missingValues(), t.schema().codeColumns()), new int[] {0},
                warnings::add).values();
        assertEquals(List.of(), warnings, "no code unseen in training");
        List<String> names = t.outputNames();
        for (float[] x : List.of(fromFile, fromApi)) {
            assertEquals(1f, x[names.indexOf("zip[02140]")]);
            assertEquals(1f, x[names.indexOf("store[20240018]")]);
            assertEquals(0f, x[names.indexOf("store[20240017]")]);
        }
        LabelledData evaluated = LabelledData.fromCsv(csv, "label", List.of("a", "b"), TableOptions.DEFAULT,
                t.schema().codeColumns());
        assertEquals("02139", evaluated.table().column("zip").text(0), "evaluate reads the codes as training did");
    }

    /** 30 rows of {@code zip} (cycling through {@code zips}), a number x and a label a/b. */
    private Path zipCodes(String name, String... zips) throws IOException {
        StringBuilder sb = new StringBuilder("zip,x,label\n");
        for (int i = 0; i < 30; i++) {
            sb.append(zips[i % zips.length]).append(',').append(i % 5).append(',').append(i % 3 == 0 ? "a" : "b")
                    .append('\n');
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    /** The transform of {@code csv} with zip taken as codes ({@code --categorical zip}). */
    private static FeatureTransform fitWithZipAsCodes(Path csv) {
        return FeatureTransform.fit(LabelledData.fromCsv(csv, "label",
                TableOptions.DEFAULT.withCategorical(List.of("zip"))), w -> { });
    }

    @Test
    void aTableReadWithoutTheModelsCodesIsRefusedRatherThanMisreadAsUnseenCategories() throws IOException {
        Path csv = zipCodes("codes.csv", "02139", "02140", "10001");
        FeatureTransform t = fitWithZipAsCodes(csv);
        Path rows = Files.writeString(dir.resolve("rows.csv"), "zip,x\n02139,1\n");
        RawTable plain = RawTable.readCsv(rows, MissingValues.DEFAULT);
        DlkitException e = assertThrows(DlkitException.class, () -> t.checkColumns(plain, "label"));
        assertTrue(e.getMessage().startsWith(rows + ", column 'zip': codes in training (--categorical zip)"),
                e.getMessage());
        DlkitException evaluated = assertThrows(DlkitException.class, () -> t.dataSets(DataType.FLOAT, w -> { },
                LabelledData.fromCsv(csv, "label")));
        assertTrue(evaluated.getMessage().contains("column 'zip': codes in training"), evaluated.getMessage());
        t.checkColumns(t.readCsv(rows, CsvFormat.DETECT), "label");
        Path texts = Files.writeString(dir.resolve("texts.csv"), "zip,x\n,1\n");
        t.checkColumns(RawTable.readCsv(texts, MissingValues.DEFAULT), "label");
    }

    @Test
    void aCodeColumnOfDigitsAndTextReadWithoutTheModelsCodesIsRefusedWhenALeadingZeroWasLost() throws IOException {
        FeatureTransform t = fitWithZipAsCodes(zipCodes("mixed-codes.csv", "02139", "A12", "10001"));
        Path rows = Files.writeString(dir.resolve("mixed-rows.csv"), "zip,x\n02139,1\nA12,2\n");
        RawTable plain = RawTable.readCsv(rows, MissingValues.DEFAULT);
        assertEquals("2139", plain.column("zip").text(0), "read without the codes, the zero is lost");
        DlkitException e = assertThrows(DlkitException.class, () -> t.checkColumns(plain, "label"));
        assertTrue(e.getMessage().startsWith(rows + ", column 'zip': codes in training (--categorical zip)"),
                e.getMessage());
        t.checkColumns(t.readCsv(rows, CsvFormat.DETECT), "label");
        Path noZeros = Files.writeString(dir.resolve("mixed-no-zeros.csv"), "zip,x\n10001,1\nA12,2\n");
        t.checkColumns(RawTable.readCsv(noZeros, MissingValues.DEFAULT), "label"); // the same either way
    }

    @Test
    void rowsToEvaluateWithoutTheLabelColumnAreSentToPredict() throws IOException {
        Path unlabelled = Files.writeString(dir.resolve("unlabelled.csv"), "age,sex\n30,male\n");
        DlkitException e = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(unlabelled, "income",
                List.of("<=50K", ">50K")));
        assertEquals(unlabelled + ": no column 'income', the label column: evaluating needs each row's true "
                + "class (predict takes rows without it); the columns are: age, sex", e.getMessage());
        DlkitException index = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(unlabelled, "2"));
        assertEquals(unlabelled + ": no column '2' (as a 0-based index: the columns are 0 to 1); the columns are: age, "
                + "sex", index.getMessage());
        Path cased = Files.writeString(dir.resolve("cased.csv"), "age,Income\n30,>50K\n");
        DlkitException other = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(cased, "income",
                List.of("<=50K", ">50K")));
        assertTrue(other.getMessage().contains("no column 'income' (did you mean 'Income'?"), other.getMessage());
    }

    @Test
    void categoriesAndFillValuesComeFromTheTrainingRowsOnly() throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "colour,size,label\nred,1,a\nblue,3,b\nred,,a\nblue,100,b\ngreen,1000,a\n");
        LabelledData all = LabelledData.fromCsv(csv, "label");
        LabelledData train = all.rows(new int[] {0, 1, 2, 3});
        FeatureTransform t = FeatureTransform.fit(train, w -> { });
        assertEquals(List.of("blue", "red"), t.schema().column("colour").categories(), "green is a test-only value");
        assertEquals("3", t.schema().column("size").fill(), "median of 1, 3, 100 (training rows only)");
        List<String> warnings = new ArrayList<>();
        FeatureTransform.Encoded x = t.encode(all.table(), new int[] {2, 4}, warnings::add);
        assertEquals(List.of("colour[blue]", "colour[red]", "size"), t.outputNames());
        assertArrayEquals(new float[] {0, 1, 3, 0, 0, 1000}, x.values(), "imputed 3; green -> all zeros");
        assertEquals(1, x.imputed());
        assertEquals(List.of(csv + ", column 'colour': 'green' (1 row) not seen in training; encoded as all zeros"),
                warnings);
        Path other = Files.writeString(dir.resolve("other.csv"), "colour,size\nRED,1\nRED,2\ngreen,3\n");
        List<String> cased = new ArrayList<>();
        t.encode(t.readCsv(other, CsvFormat.DETECT), new int[] {0, 1, 2}, cased::add);
        assertEquals(List.of(other + ", column 'colour': 'RED' (2 rows, training has 'red'), 'green' (1 row) not seen "
                + "in training; encoded as all zeros"), cased);
    }

    @Test
    void transformRoundTripsThroughDataVecJson() throws IOException {
        LabelledData penguins = LabelledData.fromCsv(Path.of("datasets/penguins.csv"), "Species");
        FeatureTransform t = FeatureTransform.fit(penguins.rows(new int[] {0, 1, 2, 3, 4, 5, 150, 151, 152, 300, 301}),
                w -> { });
        Path file = dir.resolve("transform.json");
        Json.write(file, t.toJson(Json.MAPPER));
        FeatureTransform back = FeatureTransform.fromJson(Json.MAPPER.readTree(file.toFile()), Json.MAPPER);
        assertEquals(t.outputNames(), back.outputNames());
        assertEquals(t.process().toJson(), back.process().toJson());
        int[] rows = new int[penguins.numExamples()];
        java.util.Arrays.setAll(rows, i -> i);
        assertArrayEquals(t.encode(penguins.table(), rows, w -> { }).values(),
                back.encode(penguins.table(), rows, w -> { }).values());
    }

    @Test
    void overridesChooseTheKind() throws IOException {
        Path csv = dir.resolve("codes.csv");
        StringBuilder rows = new StringBuilder("id,grade,note,label\n");
        for (int i = 1; i <= 30; i++) {
            rows.append(i).append(',').append(i % 3 + 1).append(",n").append(i).append(',').append(i % 2).append('\n');
        }
        Files.writeString(csv, rows);
        List<String> warnings = new ArrayList<>();
        TableSchema inferred = FeatureTransform.fit(LabelledData.fromCsv(csv, "label"), warnings::add).schema();
        assertEquals(ColumnKind.IGNORED, inferred.column("id").kind());
        assertEquals(ColumnKind.NUMERIC, inferred.column("grade").kind());
        assertEquals(ColumnKind.IGNORED, inferred.column("note").kind(), "30 distinct texts in 30 rows");
        assertEquals(2, warnings.size());
        TableOptions options = TableOptions.DEFAULT.withNumeric(List.of("id")).withCategorical(List.of("grade", "note"));
        TableSchema asked = FeatureTransform.fit(LabelledData.fromCsv(csv, "label", options), w -> { }).schema();
        assertEquals(ColumnKind.NUMERIC, asked.column("id").kind());
        assertEquals(List.of("1", "2", "3"), asked.column("grade").categories());
        assertEquals(30, asked.column("note").categories().size());
        TableSchema ignored = FeatureTransform.fit(LabelledData.fromCsv(csv, "label",
                TableOptions.DEFAULT.withIgnore(List.of("grade")).withNumeric(List.of("id"))), w -> { }).schema();
        assertEquals(ColumnKind.IGNORED, ignored.column("grade").kind());
        DlkitException none = assertThrows(DlkitException.class, () -> FeatureTransform.fit(LabelledData.fromCsv(csv,
                "label", TableOptions.DEFAULT.withIgnore(List.of("grade"))), w -> { }));
        assertTrue(none.getMessage().contains("no feature column left"), none.getMessage());
    }

    @Test
    void dropLeavesOutRowsWithMissingValues() throws IOException {
        Path csv = dir.resolve("gaps.csv");
        Files.writeString(csv, "a,b,label\n1,x,p\n2,,q\nNA,y,p\n4,y,q\n5,x,p\n");
        LabelledData data = LabelledData.fromCsv(csv, "label", TableOptions.DEFAULT.withMissing(MissingPolicy.DROP));
        FeatureTransform t = FeatureTransform.fit(data, w -> { });
        FeatureTransform.Labelled encoded = t.dataSet(data, DataType.FLOAT, w -> { });
        assertEquals(3, encoded.data().numExamples());
        assertEquals(2, encoded.dropped());
    }

    @Test
    void csvReaderFollowsRfc4180() throws IOException {
        Path csv = dir.resolve("quoted.csv");
        Files.writeString(csv, "name,\"size, cm\",label\r\n\"Smith, \"\"Jo\"\"\", 1.5e1 ,a\r\n\"two\nlines\",-.5,b\r\n"
                + "plain,+2,a\r\n");
        RawTable t = RawTable.readCsv(csv, MissingValues.DEFAULT);
        assertEquals(List.of("name", "size, cm", "label"), t.names());
        assertEquals("Smith, \"Jo\"", t.column(0).text(0));
        assertEquals("two\nlines", t.column(0).text(1));
        assertFalse(t.column(1).isText());
        assertArrayEquals(new float[] {15f, -0.5f, 2f}, new float[] {t.column(1).number(0), t.column(1).number(1),
                t.column(1).number(2)});
        assertEquals(5, t.line(2), "a line break inside quotes counts as a line");
    }

    @Test
    void aColumnTurnsToTextWithNumbersInOneSpelling() throws IOException {
        Path csv = dir.resolve("mixed.csv");
        Files.writeString(csv, "v,label\n1.0,a\n2,b\nsmall,a\n1,b\n");
        RawTable t = RawTable.readCsv(csv, MissingValues.DEFAULT);
        assertTrue(t.column(0).isText());
        assertEquals(List.of("1", "2", "small", "1"), List.of(t.column(0).text(0), t.column(0).text(1),
                t.column(0).text(2), t.column(0).text(3)));
        assertEquals("line 4 holds 'small'", t.column(0).firstText());
    }

    @Test
    void predictionsAreQuotedPerRfc4180() throws IOException {
        Predictions p = new Predictions("file", List.of("a,b.png", "say \"hi\".png"), List.of("x", "y, z"),
                new double[][] {{0.9, 0.1}, {0.25, 0.75}});
        StringWriter w = new StringWriter();
        p.writeCsv(w);
        assertEquals("file,predicted,p_x,\"p_y, z\"\r\n\"a,b.png\",x,0.900000,0.100000\r\n"
                + "\"say \"\"hi\"\".png\",\"y, z\",0.250000,0.750000\r\n", w.toString());
        assertEquals(1, Predictions.argmax(new double[] {0.2, 0.5, 0.5}), "the first of equal ones");
    }

    @Test
    void rowsFromTheApiAreReadLikeCsvCells() {
        RawTable t = RawTable.ofRows("api", List.of("a", "b"), List.of(List.of(1.5, "x"), java.util.Arrays.asList(null, "NA")),
                MissingValues.DEFAULT);
        assertEquals(1.5f, t.column("a").number(0));
        assertTrue(t.column("a").isMissing(1));
        assertTrue(t.column("b").isMissing(1));
    }

    @Test
    void datesInTheFormatsSpreadsheetsWriteAreLeftOutAsDates() throws IOException {
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        StringBuilder csv = new StringBuilder("x,iso,stamp,dmy,us,long,day_first,label\n");
        for (int i = 0; i < 60; i++) {
            int d = i % 28 + 1, m = i % 12;
            csv.append(i % 5).append(String.format(Locale.ROOT,
                    ",2024-%02d-%02d,2024-%02d-%02dT10:00:00Z,%02d/%02d/2024,", m + 1, d,
                    m + 1, d, d, m + 1)).append(months[m]).append(' ').append(d).append(" 2024,\"")
                    .append(java.time.Month.of(m + 1).getDisplayName(java.time.format.TextStyle.FULL,
                            java.util.Locale.ENGLISH))
                    .append(' ').append(d).append(", 2024\",").append(d).append('-')
                    .append(months[m]).append("-24,").append(i % 2).append('\n');
        }
        Path file = Files.writeString(dir.resolve("dates.csv"), csv);
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(file, "label"), warnings::add).schema();
        for (String c : List.of("iso", "stamp", "dmy", "us", "long", "day_first")) {
            assertEquals(ColumnKind.IGNORED, schema.column(c).kind(), c);
            assertTrue(schema.column(c).reason().startsWith("looks like dates"), c + ": " + schema.column(c).reason());
        }
    }

    @Test
    void namesAndClassesSpeltOtherwiseAreNamedInTheError() throws IOException {
        Path csv = Files.writeString(dir.resolve("titanic.csv"), "Survived,Sex\n1,female\n0,male\n1,female\n");
        DlkitException label = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(csv, "survived"));
        assertEquals(csv + ": no column 'survived' (did you mean 'Survived'? column names are case-sensitive); the "
                + "columns are: Survived, Sex", label.getMessage());
        DlkitException option = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(csv, "Survived",
                TableOptions.DEFAULT.withCategorical(List.of("sex"))));
        assertTrue(option.getMessage().contains("--categorical names 'sex', which is no column (did you mean 'Sex'? "
                + "column names are case-sensitive)"), option.getMessage());

        FeatureTransform t = FeatureTransform.fit(LabelledData.fromCsv(csv, "Survived"), w -> { });
        Path lower = Files.writeString(dir.resolve("lower.csv"), "sex\nmale\n");
        DlkitException renamed = assertThrows(DlkitException.class, () -> t.checkColumns(t.readCsv(lower,
                CsvFormat.DETECT), "Survived"));
        assertEquals(lower + ": columns differ from the model's features (missing: Sex) (unexpected: sex) ('sex' is "
                + "the model's 'Sex' in another case: column names are case-sensitive); expected Sex",
                renamed.getMessage());

        Path test = Files.writeString(dir.resolve("adult.test"), "age,income\n30,<=50K.\n50,>50K.\n");
        DlkitException dot = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(test, "income",
                List.of("<=50K", ">50K")));
        assertEquals(test + ", line 2, column 'income': unknown class '<=50K.' (the class '<=50K' with a trailing '.': "
                + "remove the '.' from this file's labels); the model knows [<=50K, >50K]", dot.getMessage());
        DlkitException cased = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(test, "income",
                List.of("<=50k.", ">50K.")));
        assertTrue(cased.getMessage().contains("unknown class '<=50K.' (did you mean '<=50k.'? class names are "
                + "case-sensitive)"), cased.getMessage());
    }

    @Test
    void aFileWithoutAHeaderLineIsNamedAsSuch() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            rows.append(20 + i).append(", Private, ").append(70000 + i * 13).append(", ").append(i % 16).append(", ")
                    .append(i % 3 == 0 ? ">50K" : "<=50K").append('\n');
        }
        Path adult = Files.writeString(dir.resolve("adult.data"), "39, State-gov, 77516, 13, <=50K\n" + rows);
        DlkitException e = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(adult, "income"));
        assertEquals(adult + ": no column 'income' (the first line looks like a row of data, not column names: '39', "
                + "'77516', '13' are numbers; dlkit reads the first line as the header: add a line of column names); "
                + "the columns are: 39, State-gov, 77516, 13, <=50K", e.getMessage());
        List<String> warnings = new ArrayList<>();
        FeatureTransform.fit(LabelledData.fromCsv(adult, null), warnings::add);
        assertEquals(adult + ": the first line looks like a row of data, not column names: '39', '77516', '13' are "
                + "numbers; dlkit reads the first line as the header: add a line of column names", warnings.get(0));

        Path numbered = Files.writeString(dir.resolve("numbered.csv"), "0,1,2,label\n" + rows.toString()
                .replace(", Private", ""));
        List<String> none = new ArrayList<>();
        FeatureTransform.fit(LabelledData.fromCsv(numbered, null), none::add);
        assertTrue(none.stream().noneMatch(w -> w.contains("first line")), "pandas' numbered columns: " + none);
    }

    @Test
    void anIdColumnIsLeftOutEvenWhenTheRowsWereShuffled() throws IOException {
        StringBuilder csv = new StringBuilder("score,PassengerId,customer_id,PAID,count,label\n");
        java.util.Random random = new java.util.Random(5);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(1000 + i * 3);
        }
        java.util.Collections.shuffle(ids, random);
        for (int i = 0; i < 40; i++) {
            csv.append(random.nextGaussian()).append(',').append(ids.get(i)).append(',').append(ids.get(39 - i))
                    .append(',').append(ids.get(i)).append(',').append(i % 7).append(',').append(i % 2).append('\n');
        }
        Path file = Files.writeString(dir.resolve("shuffled.csv"), csv);
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(file, "label"), warnings::add).schema();
        assertEquals(ColumnKind.IGNORED, schema.column("PassengerId").kind());
        assertEquals("is named like an ID and holds unique integers", schema.column("PassengerId").reason());
        assertEquals(ColumnKind.IGNORED, schema.column("customer_id").kind());
        assertEquals(ColumnKind.NUMERIC, schema.column("PAID").kind(), "unique, shuffled, not named like an ID");
        assertEquals(ColumnKind.NUMERIC, schema.column("count").kind());
        assertTrue(warnings.contains("column 'PassengerId' is named like an ID and holds unique integers; left out "
                + "(pass --numeric PassengerId to use it)"), warnings.toString());
    }
}
