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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CSV dialects: the delimiter detected from the header line (or given), decimal commas, and what a spreadsheet export
 * brings along (a byte-order mark, CRLF, trailing delimiters, rows of empty cells).
 */
class CsvDialectTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static char sniff(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return DelimiterSniffer.detect(b, 0, b.length, true);
    }

    @Test
    void aBackslashEscapedQuoteIsNamedWithHowCsvEscapesAQuote() throws IOException {
        Path csv = write("backslash.csv", "x,note,label\n1,\"say \\\"hi\\\" ok\",a\n2,plain,b\n");
        DlkitException e = assertThrows(DlkitException.class, () -> RawTable.readCsv(csv, MissingValues.DEFAULT));
        assertEquals(csv + ", line 2: not valid CSV (text after the closing quote of a quoted field; the quote after "
                + "'say \\' is escaped with a backslash, which CSV does not do: a quote inside a quoted field is "
                + "written twice, \"\", as pandas' to_csv and Excel write it)", e.getMessage());
        Path plain = write("after.csv", "x,note,label\n1,\"ok\"x,a\n");
        DlkitException other = assertThrows(DlkitException.class, () -> RawTable.readCsv(plain,
                MissingValues.DEFAULT));
        assertEquals(plain + ", line 2: not valid CSV (text after the closing quote of a quoted field)",
                other.getMessage());
    }

    @Test
    void theDelimiterSplittingTheHeaderIntoMostConsistentCellsWins() {
        assertEquals(',', sniff("a,b,label\n1,2,x\n"));
        assertEquals(';', sniff("a;b;label\n1,5;2,5;x\n"));
        assertEquals('\t', sniff("a\tb\tlabel\n1\t2\tx\n"));
        assertEquals('|', sniff("a|b|label\n1|2|x\n"));
        assertEquals(',', sniff("name,\"a;b;c;d\",label\nx,1,y\n"), "a ';' inside quotes does not split");
        assertEquals(',', sniff("a,b;c,d\n1,2;3,4\n1,2,3\n"), "';' splits the header but not the rows alike");
        assertEquals(';', sniff("a;b;c;\n1;2;3;\n"), "a trailing delimiter on every line");
        assertEquals(';', sniff("a;b;c\n1;2;3;\n"), "a trailing delimiter on the rows only");
        assertEquals(';', sniff("\"x\ny\";b\n1;2\n"), "a line break inside a quoted name");
        assertEquals(',', sniff("label\nx\ny\n"), "one column: the comma");
        assertEquals(';', sniff("a;b;c\n1;2\n"), "ragged: the delimiter that splits the header most");
    }

    @Test
    void europeanExcelExportReadsWithDecimalCommas() throws IOException {
        Path csv = write("excel.csv", "\uFEFFGewicht;Preis;Sorte\r\n1,5;1.234,5;a\r\n2;10,25;b\r\n-0,5;7;a\r\n\r\n");
        RawTable plain = RawTable.readCsv(csv, MissingValues.DEFAULT);
        assertEquals(';', plain.format().delimiter());
        assertEquals(List.of("Gewicht", "Preis", "Sorte"), plain.names(), "BOM dropped, CRLF and blank lines fine");
        assertTrue(plain.column(0).isText(), "without --decimal-comma '1,5' is text");
        RawTable t = RawTable.readCsv(csv, MissingValues.DEFAULT,
                CsvFormat.DEFAULT.withDecimal(CsvFormat.Decimal.COMMA));
        assertEquals(" (';'-separated, decimal commas)", t.format().describe());
        assertFalse(t.column(0).isText());
        assertEquals(1.5f, t.column(0).number(0));
        assertEquals(-0.5f, t.column(0).number(2));
        assertEquals(1234.5f, t.column(1).number(0));
        assertEquals(10.25f, t.column(1).number(1));
        assertEquals(3, t.numRows());
    }

    @Test
    void excelsPlainCsvInWindows1252IsReadAsSuch() throws IOException {
        Path csv = dir.resolve("cp1252.csv");
        Files.write(csv, "Größe;Süße;Klasse\r\n1,5;sehr süß;€\r\n2;sauer;ä\r\n".getBytes("windows-1252"));
        RawTable t = RawTable.readCsv(csv, MissingValues.DEFAULT,
                CsvFormat.DEFAULT.withDecimal(CsvFormat.Decimal.COMMA));
        assertEquals(List.of("Größe", "Süße", "Klasse"), t.names());
        assertEquals("sehr süß", t.column(1).text(0));
        assertEquals("€", t.column(2).text(0));
        assertEquals(" (';'-separated, decimal commas, windows-1252)", t.format().describe());
        assertEquals("", RawTable.readCsv(write("utf8.csv", "Größe,x\n1,€\n"), MissingValues.DEFAULT).format()
                .describe(), "UTF-8 is the default and not named");
        byte[] cut = "ab€".getBytes(StandardCharsets.UTF_8);
        assertTrue(DelimiterSniffer.isUtf8(java.util.Arrays.copyOf(cut, cut.length - 1), false),
                "a character cut by the end of the sample");
        assertFalse(DelimiterSniffer.isUtf8(java.util.Arrays.copyOf(cut, cut.length - 1), true));
    }

    @Test
    void rangesReadSideBySideGiveTheTableOneReaderGives() throws IOException {
        StringBuilder sb = new StringBuilder("\uFEFFa;b;c;label\r\n");
        java.util.Random random = new java.util.Random(4);
        for (int r = 0; r < 3000; r++) {
            sb.append(random.nextInt(1000)).append(',').append(random.nextInt(100)).append(';')
                    .append(r == 2500 ? "\"x;\ny\"" : "1.234,5").append(';').append(r % 17 == 0 ? "" : "NA")
                    .append(';').append(r % 3).append(";\r\n");
        }
        Path csv = write("big.csv", sb.toString());
        CsvFormat format = CsvFormat.DEFAULT.withDecimal(CsvFormat.Decimal.COMMA);
        RawTable one = CsvReader.read(csv, MissingValues.DEFAULT, format, 1, 1);
        RawTable four = CsvReader.read(csv, MissingValues.DEFAULT, format, 4, 1);
        assertEquals(List.of("a", "b", "c", "label"), four.names());
        assertEquals(3000, four.numRows());
        for (int r = 0; r < 3000; r += 7) {
            assertEquals(one.column(0).number(r), four.column(0).number(r));
            assertEquals(one.column(1).text(r), four.column(1).text(r));
            assertEquals(one.line(r), four.line(r));
        }
        assertEquals("1234.5", four.column(1).text(0));
        assertEquals("x;\ny", four.column(1).text(2500));
        assertEquals(';', four.format().delimiter());
    }

    @Test
    void aHeaderLongerThanTheSampleStillNamesItsDelimiter() {
        String header = "a;".repeat(5000) + "label";
        byte[] b = header.getBytes(StandardCharsets.US_ASCII);
        assertEquals(';', DelimiterSniffer.detect(b, 0, 4000, false));
    }

    @Test
    void excelErrorValuesAreMissingWhateverTheMissingValueTexts() throws IOException {
        StringBuilder csv = new StringBuilder("ratio;label\n");
        String[] errors = {"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"};
        for (int i = 0; i < 70; i++) { // one cell in five an error: far more than a typo
            csv.append(i % 5 == 0 ? errors[i / 5 % errors.length] : Integer.toString(i)).append(';')
                    .append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        Path file = write("excel.csv", csv.toString());
        for (MissingValues missing : List.of(MissingValues.DEFAULT, new MissingValues(List.of("-")))) {
            RawColumn ratio = RawTable.readCsv(file, missing).column("ratio");
            assertFalse(ratio.isText(), "a numeric column with Excel's error values stays numeric");
            assertTrue(ratio.isMissing(0) && ratio.isMissing(5) && ratio.isMissing(30), "error cells are missing");
            assertEquals(1f, ratio.value(1));
        }
        assertTrue(new MissingValues(List.of()).isMissing(" #n/a "), "in any case, trimmed");
        assertFalse(MissingValues.DEFAULT.isMissing("#1"), "other text starting with '#' is not missing");
    }

    @Test
    void workbooksAreNamed() throws IOException {
        Path xlsx = dir.resolve("book.xlsx");
        Files.write(xlsx, new byte[] {0x50, 0x4B, 3, 4, 20, 0});
        assertEquals(xlsx + ": a zip file (an Excel .xlsx workbook?), not a CSV; save the sheet as 'CSV UTF-8' and "
                + "pass that", assertThrows(DlkitException.class, () -> RawTable.readCsv(xlsx, MissingValues.DEFAULT))
                .getMessage());
    }

    @Test
    void decimalCommaNumbers() {
        String[] good = {"1,5", "1.234,5", "1.234.567", "-0,25", "+3", ",5", "1,5e3", "12"};
        double[] values = {1.5, 1234.5, 1234567, -0.25, 3, 0.5, 1500, 12};
        for (int i = 0; i < good.length; i++) {
            byte[] b = good[i].getBytes(StandardCharsets.US_ASCII);
            assertEquals(values[i], Numbers.parse(b, 0, b.length, true), 1e-9, good[i]);
        }
        for (String bad : new String[] {"12.5", "1.23,4", "1,2,3", "1,5.0", "1.", "abc", "1.2345"}) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertTrue(Double.isNaN(Numbers.parse(b, 0, b.length, true)), bad);
        }
    }

    @Test
    void tabsAndPipesAndAGivenDelimiter() throws IOException {
        RawTable tsv = RawTable.readCsv(write("t.tsv", "a\tb c\tlabel\n1\t \"x\ty\" \tp\n2\t\tq\n"),
                MissingValues.DEFAULT);
        assertEquals(List.of("a", "b c", "label"), tsv.names());
        assertEquals("x\ty", tsv.column(1).text(0));
        assertTrue(tsv.column(1).isMissing(1));
        assertEquals(" (tab-separated)", tsv.format().describe());
        Path pipes = write("p.csv", "a|b|label\n1|2|x\n");
        assertEquals(2f, RawTable.readCsv(pipes, MissingValues.DEFAULT).column(1).number(0));
        RawTable asked = RawTable.readCsv(pipes, MissingValues.DEFAULT, CsvFormat.DEFAULT.withDelimiter(','));
        assertEquals(List.of("a|b|label"), asked.names(), "a given delimiter is not second-guessed");
        DlkitException one = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(pipes, null,
                TableOptions.DEFAULT.withDelimiter(',')));
        assertTrue(one.getMessage().contains("only one column (read with delimiter ',', but the header contains '|': "
                + "pass --delimiter '|')"), one.getMessage());
    }

    @Test
    void delimiterNamesAndDecimalCommaConflicts() throws IOException {
        assertEquals('\t', CsvFormat.delimiterNamed("tab"));
        assertEquals('\t', CsvFormat.delimiterNamed("\\t"));
        assertEquals(';', CsvFormat.delimiterNamed(";"));
        assertEquals(';', CsvFormat.delimiterNamed("';'"), "quoted once too often by a shell script");
        assertEquals('|', CsvFormat.delimiterNamed("\"|\""));
        assertEquals(CsvFormat.DETECT, CsvFormat.delimiterNamed(null));
        assertTrue(assertThrows(DlkitException.class, () -> CsvFormat.delimiterNamed(":")).getMessage()
                .startsWith("--delimiter ':' is not supported"));
        assertTrue(assertThrows(DlkitException.class, () -> TableOptions.DEFAULT.withDelimiter(',')
                .withDecimalComma(true)).getMessage().startsWith("--decimal-comma needs a delimiter other than ','"));
        Path commas = write("c.csv", "a,b,label\n1,2,x\n");
        DlkitException e = assertThrows(DlkitException.class, () -> LabelledData.fromCsv(commas, null,
                TableOptions.DEFAULT.withDecimalComma(true)));
        assertEquals(commas + ": --decimal-comma, but the file is comma-separated (its header splits at commas); "
                + "decimal commas need ';', tab or '|' between cells (--delimiter)", e.getMessage());
    }

    @Test
    void aModelTrainedWithDecimalCommasReadsACommaSeparatedFileWithPoints() throws IOException {
        CsvFormat model = new CsvFormat(CsvFormat.DETECT, CsvFormat.Decimal.COMMA_UNLESS_COMMA_SEPARATED);
        RawTable commas = RawTable.readCsv(write("c.csv", "a,b\n1.5,2\n"), MissingValues.DEFAULT, model);
        assertEquals(1.5f, commas.column(0).number(0));
        assertFalse(commas.format().decimalComma());
        RawTable semis = RawTable.readCsv(write("s.csv", "a;b\n1,5;2\n"), MissingValues.DEFAULT, model);
        assertEquals(1.5f, semis.column(0).number(0));
    }

    @Test
    void trailingDelimitersAndRowsOfEmptyCellsAreIgnored() throws IOException {
        RawTable both = RawTable.readCsv(write("t1.csv", "a;b;label;\n1;2;x;\n3;4;y;\n;;;\n"), MissingValues.DEFAULT);
        assertEquals(List.of("a", "b", "label"), both.names());
        assertEquals(2, both.numRows(), "the line of empty cells is skipped like a blank line");
        RawTable rowsOnly = RawTable.readCsv(write("t2.csv", "a,b,label\n1,2,x,\n3,4,y, ,\n"), MissingValues.DEFAULT);
        assertEquals(2, rowsOnly.numRows());
        assertEquals("y", rowsOnly.column(2).text(1));
        RawTable headerOnly = RawTable.readCsv(write("t3.csv", "a,b,label,\n1,2,x\n3,4,y\n"), MissingValues.DEFAULT);
        assertEquals(List.of("a", "b", "label"), headerOnly.names());
        RawTable held = RawTable.readCsv(write("t4.csv", "a,b,\n1,2,\n3,4,oops\n"), MissingValues.DEFAULT);
        assertEquals(List.of("a", "b", "Unnamed: 2"), held.names(), "an unnamed column that holds something stays");
        assertEquals("oops", held.column(2).text(1));
        DlkitException ragged = assertThrows(DlkitException.class, () -> RawTable.readCsv(write("t5.csv",
                "a,b,label\n1,2,x,extra\n"), MissingValues.DEFAULT));
        assertTrue(ragged.getMessage().endsWith("line 2: 4 cells, expected 3 like the header (split at ',')"),
                ragged.getMessage());
    }

    @Test
    void rowsOfEmptyCellsLeaveTheColumnsAligned() throws IOException {
        RawTable t = RawTable.readCsv(write("gaps.csv", " , , \nx,y,label\n1,a,p\n , , \n   \n2,b,q\n,,\n3,c,p\n"),
                MissingValues.DEFAULT);
        assertEquals(List.of("x", "y", "label"), t.names(), "a row of empty cells before the header is skipped too");
        assertEquals(3, t.numRows());
        assertEquals(List.of(1f, 2f, 3f), List.of(t.column(0).number(0), t.column(0).number(1), t.column(0).number(2)));
        assertEquals(List.of("a", "b", "c"), List.of(t.column(1).text(0), t.column(1).text(1), t.column(1).text(2)));
        assertEquals(List.of(3L, 6L, 8L), List.of(t.line(0), t.line(1), t.line(2)));
    }

    @Test
    void excelsSepLineNamesTheDelimiter() throws IOException {
        RawTable t = RawTable.readCsv(write("sep.csv", "sep=;\r\nx;y,z;label\r\n1;2,5;a\r\n"), MissingValues.DEFAULT);
        assertEquals(';', t.format().delimiter());
        assertEquals(List.of("x", "y,z", "label"), t.names());
        assertEquals(3, t.line(0));
        RawTable commas = RawTable.readCsv(write("sep2.csv", "sep=,\nx,label\n1,a\n"), MissingValues.DEFAULT);
        assertEquals(List.of("x", "label"), commas.names());
    }

    @Test
    void quotedCellsAreTrimmedLikeUnquotedOnes() throws IOException {
        RawTable t = RawTable.readCsv(write("q.csv", "a,label\n\" 1.5 \",\" yes\"\n2,yes \n3,\"no\"\n"),
                MissingValues.DEFAULT);
        assertFalse(t.column(0).isText(), "' 1.5 ' in quotes is the number 1.5");
        assertEquals(1.5f, t.column(0).number(0));
        List<String> labels = new ArrayList<>();
        int[] codes = t.column(1).codes(labels);
        assertEquals(codes[0], codes[1], "' yes' and 'yes ' are one class");
        assertEquals(List.of("yes", "no"), labels);
    }

    @Test
    void aLineBreakInsideQuotesStaysInTheCellAndIsShownEscapedInTheSchema() throws IOException {
        StringBuilder csv = new StringBuilder("x,\"note\nof the clerk\",label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i % 3 == 0 ? "\"call back\r\nlater\"" : "ok").append(',')
                    .append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        LabelledData data = LabelledData.fromCsv(write("notes.csv", csv.toString()), "label");
        assertEquals(40, data.table().numRows());
        assertEquals("call back\r\nlater", data.table().column(1).text(0), "the cell keeps its line break");
        String table = FeatureTransform.fit(data, w -> { }).schema().table();
        assertEquals(3, table.lines().count(), table);
        assertTrue(table.contains("note\\nof the clerk") && table.contains("call back\\r\\nlater"), table);
    }

    @Test
    void duplicateHeaderNamesAreOneLineErrorsAndEmptyOnesNamedAsPandasNamesThem() throws IOException {
        Path dup = write("d.csv", "a,b,a\n1,2,3\n");
        assertEquals(dup + ", line 1: header names column 'a' twice (columns 1 and 3); expected distinct names",
                assertThrows(DlkitException.class, () -> RawTable.readCsv(dup, MissingValues.DEFAULT)).getMessage());
        assertEquals(List.of("a", "Unnamed: 1", "c"), RawTable.readCsv(write("e.csv", "a,,c\n1,2,3\n"),
                MissingValues.DEFAULT).names());
        Path clash = write("clash.csv", "Unnamed: 1,,c\n1,2,3\n");
        assertTrue(assertThrows(DlkitException.class, () -> RawTable.readCsv(clash, MissingValues.DEFAULT))
                .getMessage().endsWith("header names column 'Unnamed: 1' twice (columns 1 and 2); expected distinct "
                        + "names"));
    }

    @Test
    void decimalCommaValuesLeftAsTextNameTheOption() throws IOException {
        StringBuilder csv = new StringBuilder("gewicht;farbe;sorte\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i / 10).append(',').append(i % 10).append(';').append(i % 3 == 0 ? "rot" : "blau").append(';')
                    .append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        Path file = write("eu.csv", csv.toString());
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(file, "sorte"), warnings::add).schema();
        assertEquals(ColumnKind.IGNORED, schema.column("gewicht").kind());
        assertTrue(warnings.get(0).startsWith("column 'gewicht' has 60 distinct values"), warnings.toString());
        assertTrue(warnings.get(0).endsWith("its values look like numbers with decimal commas (e.g. '0,0'): pass "
                + "--decimal-comma to read them as numbers"), warnings.toString());
        assertEquals(1, warnings.size(), "nothing about the text column: " + warnings);
        List<String> none = new ArrayList<>();
        FeatureTransform t = FeatureTransform.fit(LabelledData.fromCsv(file, "sorte",
                TableOptions.DEFAULT.withDecimalComma(true)), none::add);
        assertEquals(ColumnKind.NUMERIC, t.schema().column("gewicht").kind());
        assertEquals(5.9, t.schema().column("gewicht").max(), 1e-6);
        assertEquals(List.of(), none);
        assertTrue(t.decimalComma());
        assertTrue(FeatureTransform.fromJson(org.dlkit.model.Json.MAPPER.valueToTree(t.toJson(
                org.dlkit.model.Json.MAPPER)), org.dlkit.model.Json.MAPPER).decimalComma(), "saved with the model");

        Path few = write("few.csv", "g;label\n1,5;a\n2,5;b\n1,5;a\n2,5;b\n");
        List<String> categorical = new ArrayList<>();
        FeatureTransform.fit(LabelledData.fromCsv(few, "label"), categorical::add);
        assertEquals(List.of("column 'g' is taken as categories; its values look like numbers with decimal commas "
                + "(e.g. '1,5'): pass --decimal-comma to read them as numbers"), categorical);
        Path only = write("only.csv", csv.toString().replace("farbe;", "").replaceAll(";(rot|blau);", ";"));
        DlkitException e = assertThrows(DlkitException.class, () -> FeatureTransform.fit(LabelledData.fromCsv(only,
                "sorte"), w -> { }));
        assertTrue(e.getMessage().endsWith("'gewicht' has 60 distinct values (more than 50: an ID, a name or free "
                + "text?) (its values look like numbers with decimal commas (e.g. '0,0'): pass --decimal-comma to read "
                + "them as numbers)"), e.getMessage());
        Path mostlyWhole = write("whole.csv", "preis;label\n" + "12;a\n13;b\n".repeat(30) + "12,5;a\n");
        List<String> whole = new ArrayList<>();
        FeatureTransform.fit(LabelledData.fromCsv(mostlyWhole, "label"), whole::add);
        assertEquals("column 'preis': 1 of 61 training values is not a number; the column is taken as numeric "
                + "and such cells as missing ('12,5' looks like a number with a decimal comma: pass --decimal-comma to "
                + "read it as one)", whole.get(0));
        assertTrue(whole.get(1).startsWith("column 'preis' alone gives the label 'label' away on the training rows "
                + "(each of its 2 values"), "12 goes with a, 13 with b: " + whole);
        assertEquals(2, whole.size(), whole.toString());
        assertNull(ValueHints.decimalCommaExample(List.of("1,5", "x"), new CsvFormat(';', CsvFormat.Decimal.POINT)));
    }
}
