package org.dlkit.data;

import org.dlkit.model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numbers written with thousands separators, a currency symbol or a percent sign, as a housing or sales export writes
 * them ({@code "1,234"}, {@code "$1,234.50"}, {@code 12%}): read as numbers when every training value is one, with a
 * warning; the way they are written is saved with the transform, so predict reads its files alike.
 */
class FormattedNumbersTest {

    @TempDir
    Path dir;

    /** 60 rows: sqft with thousands separators above 999, a price in dollars, a tax rate in percent, a label. */
    private Path housing() throws IOException {
        StringBuilder csv = new StringBuilder("sqft,price,tax,band\n");
        for (int i = 0; i < 60; i++) {
            int sqft = 400 + i * 61;
            csv.append(sqft >= 1000 ? String.format(Locale.ROOT, "\"%,d\"", sqft) : Integer.toString(sqft)).append(',')
                    .append(String.format(Locale.ROOT, "\"$%,.2f\"", sqft * 250.5)).append(',')
                    .append(i % 7 * 0.5).append("%,")
                    .append(sqft > 2200 ? "big" : "small").append('\n');
        }
        return Files.writeString(dir.resolve("housing.csv"), csv);
    }

    @Test
    void thousandsSeparatorsCurrencyAndPercentAreReadAsNumbers() throws IOException {
        List<String> warnings = new ArrayList<>();
        FeatureTransform t = FeatureTransform.fit(LabelledData.fromCsv(housing(), "band"), warnings::add);
        TableSchema schema = t.schema();
        assertEquals(ColumnKind.NUMERIC, schema.column("sqft").kind(), schema.table());
        assertEquals(400 + 59 * 61, schema.column("sqft").max(), 1e-6);
        assertEquals(ColumnKind.NUMERIC, schema.column("price").kind());
        assertEquals(400 * 250.5, schema.column("price").min(), 1e-2);
        assertEquals("$", schema.column("price").formatted().symbol());
        assertEquals(ColumnKind.NUMERIC, schema.column("tax").kind());
        assertEquals(3.0, schema.column("tax").max(), 1e-6, "'3.0%' is read as 3");
        assertEquals(List.of("column 'sqft' holds numbers written with thousands separators (e.g. '1,010', read as "
                + "1010); taken as numeric (pass --categorical sqft to take its values as categories)",
                "column 'price' holds numbers written with thousands separators and a currency symbol ('$') "
                        + "(e.g. '$1,001,749.50', read as 1001749.5); taken as numeric (pass --categorical price to "
                        + "take its values as categories)",
                "column 'tax' holds numbers written with a percent sign (e.g. '0.0%', read as 0); taken as numeric "
                        + "(pass --categorical tax to take its values as categories)"), warnings);

        FeatureTransform back = FeatureTransform.fromJson(Json.MAPPER.valueToTree(t.toJson(Json.MAPPER)), Json.MAPPER);
        Path rows = Files.writeString(dir.resolve("new.csv"), "tax,price,sqft\n12.5%,\"$1,234.50\",\"12,345\"\n"
                + "1%,$7,999\n");
        List<String> predictWarnings = new ArrayList<>();
        FeatureTransform.Encoded x = back.encode(back.readCsv(rows, CsvFormat.DETECT), new int[] {0, 1},
                predictWarnings::add);
        assertEquals(List.of("sqft", "price", "tax"), back.outputNames());
        assertArrayEquals(new float[] {12345, 1234.5f, 12.5f, 999, 7, 1}, x.values(), "the training file's format");
        assertEquals(List.of(), predictWarnings);
        assertEquals(0, x.imputed());
    }

    @Test
    void separatorsOnlyInTheTestRowsAreReadToo() throws IOException {
        StringBuilder csv = new StringBuilder("sqft,band\n");
        for (int i = 0; i < 40; i++) {
            int sqft = i < 30 ? 100 + i * 20 : 1000 + i * 100;
            csv.append(sqft >= 1000 ? String.format(Locale.ROOT, "\"%,d\"", sqft) : Integer.toString(sqft)).append(',')
                    .append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        LabelledData all = LabelledData.fromCsv(Files.writeString(dir.resolve("late.csv"), csv), "band");
        int[] first30 = java.util.stream.IntStream.range(0, 30).toArray();
        FeatureTransform t = FeatureTransform.fit(all.rows(first30), w -> { });
        assertEquals("", t.schema().column("sqft").formatted().symbol(), "the file's format, seen in its test rows");
        List<String> warnings = new ArrayList<>();
        FeatureTransform.Encoded x = t.encode(all.table(), new int[] {30, 39}, warnings::add);
        assertArrayEquals(new float[] {4000, 4900}, x.values());
        assertEquals(List.of(), warnings);
    }

    @Test
    void categoricalKeepsTheTextsAndListsOrCodesStayText() throws IOException {
        TableOptions asked = TableOptions.DEFAULT.withCategorical(List.of("tax"));
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(housing(), "band", asked), w -> { }).schema();
        assertEquals(ColumnKind.CATEGORICAL, schema.column("tax").kind());
        assertEquals("0.0%", schema.column("tax").categories().get(0));

        StringBuilder csv = new StringBuilder("pair,code,money,label\n");
        for (int i = 0; i < 30; i++) {
            csv.append('"').append(i % 4).append(',').append(i % 3).append("\",\"0,").append(100 + i % 5)
                    .append("\",").append(i % 2 == 0 ? "$5" : "€5").append(',').append(i % 2).append('\n');
        }
        Path lists = Files.writeString(dir.resolve("lists.csv"), csv);
        List<String> warnings = new ArrayList<>();
        TableSchema text = FeatureTransform.fit(LabelledData.fromCsv(lists, "label"), warnings::add).schema();
        assertEquals(ColumnKind.CATEGORICAL, text.column("pair").kind(), "'1,2' is not a thousands-separated number");
        assertEquals(ColumnKind.CATEGORICAL, text.column("code").kind(),
                "'0,101': a group may not start a number with 0");
        assertEquals(ColumnKind.CATEGORICAL, text.column("money").kind(), "two currencies are not one unit");
        assertTrue(warnings.stream().noneMatch(w -> w.contains("taken as numeric")), warnings.toString());
    }

    @Test
    void decimalCommaFilesGroupWithPoints() throws IOException {
        StringBuilder csv = new StringBuilder("Preis;Klasse\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i * 7 + 1).append(".250,").append(i % 10).append(" €;").append(i < 15 ? "a" : "b")
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("eu.csv"), csv);
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(file, "Klasse",
                TableOptions.DEFAULT.withDecimalComma(true)), warnings::add).schema();
        assertEquals(ColumnKind.NUMERIC, schema.column("Preis").kind(), warnings.toString());
        assertEquals(204250.9, schema.column("Preis").max(), 0.05, "'204.250,9 €'");
        assertEquals(1250, schema.column("Preis").min(), 1e-6, "'1.250,0 €'");
    }

    @Test
    void inASemicolonFileACommaBeforeThreeDigitsMayBeADecimalComma() throws IOException {
        StringBuilder csv = new StringBuilder("gewicht;preis;sorte\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i % 9 + 1).append(',').append(100 + i * 7).append(';').append(i % 9 + 1).append(',')
                    .append(100 + i * 7).append(".5;").append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(Files.writeString(dir.resolve("eu.csv"), csv),
                "sorte"), warnings::add).schema();
        assertEquals(ColumnKind.IGNORED, schema.column("gewicht").kind(), "'1,100' is 1.1 or 1100");
        assertTrue(warnings.get(0).endsWith("pass --decimal-comma to read them as numbers"), warnings.toString());
        assertEquals(ColumnKind.NUMERIC, schema.column("preis").kind(), "'1,100.5' can only be 1100.5");
    }

    @Test
    void frenchSpacesGroupThousands() throws IOException {
        StringBuilder csv = new StringBuilder("surface;prix;classe\n");
        for (int i = 0; i < 30; i++) {
            csv.append(40 + i % 7).append(';').append(i + 1).append("\u00A0").append(100 + i).append(",50 €;")
                    .append(i < 15 ? "a" : "b").append('\n');
        }
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(Files.writeString(dir.resolve("fr.csv"), csv),
                "classe", TableOptions.DEFAULT.withDecimalComma(true)), warnings::add).schema();
        assertEquals(ColumnKind.NUMERIC, schema.column("prix").kind(), warnings.toString());
        assertEquals(30129.5, schema.column("prix").max(), 1e-2, "'30 129,50 €'");
        assertTrue(warnings.get(0).startsWith("column 'prix' holds numbers written with thousands separators and a "
                + "currency symbol ('€')"), warnings.toString());
    }

    @Test
    void accountingNegativesInParentheses() throws IOException {
        StringBuilder csv = new StringBuilder("profit,label\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i % 3 == 0 ? "(" + (i + 5) + ".00)" : (i + 5) + ".00").append(',').append(i % 2).append('\n');
        }
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(Files.writeString(dir.resolve("pl.csv"), csv),
                "label"), warnings::add).schema();
        assertEquals(ColumnKind.NUMERIC, schema.column("profit").kind());
        assertEquals(-32, schema.column("profit").min(), 1e-6, "'(32.00)'");
        assertEquals(List.of("column 'profit' holds numbers written with parentheses for negative amounts (e.g. "
                + "'(11.00)', read as -11); taken as numeric (pass --categorical profit to take its values as "
                + "categories)"), warnings);
    }

    @Test
    void theUnicodeMinusSignIsAMinus() throws IOException {
        // Excel in Swedish, Norwegian or Finnish, and typeset tables, write U+2212 for a negative number
        StringBuilder csv = new StringBuilder("saldo;belopp;label\n");
        for (int i = 0; i < 30; i++) {
            String minus = i % 3 == 0 ? "\u2212" : "";
            csv.append(minus).append(i + 5).append(".5;").append(minus).append(i + 5).append(",25;").append(i % 2)
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("saldo.csv"), csv);
        List<String> warnings = new ArrayList<>();
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(file, "label", TableOptions.DEFAULT
                .withDelimiter(';')), warnings::add).schema();
        assertEquals(ColumnKind.NUMERIC, schema.column("saldo").kind(), warnings.toString());
        assertEquals(-32.5, schema.column("saldo").min(), 1e-6, "'\u221232.5'");
        RawTable commas = RawTable.readCsv(file, MissingValues.DEFAULT, CsvFormat.DEFAULT.withDecimal(
                CsvFormat.Decimal.COMMA));
        assertEquals(-5.25f, commas.column("belopp").value(0), "with decimal commas too");
        byte[] long20 = "\u221212345678901234567890.5".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(-1.2345678901234567e19, Numbers.parse(long20, 0, long20.length), 1e4, "beyond 18 digits");
        byte[] twice = "\u2212-5".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(Double.isNaN(Numbers.parse(twice, 0, twice.length)), "one sign only");
    }

    @Test
    void euroPricesWithDecimalCommasReadWithoutTheOptionNameIt() throws IOException {
        StringBuilder csv = new StringBuilder("Preis;Kauf\n"); // German Excel: '131,45 €'
        for (int i = 0; i < 80; i++) {
            csv.append(String.format(Locale.ROOT, "%d,%02d €", 5 + i * 7, i % 100)).append(';')
                    .append(i % 2 == 0 ? "ja" : "nein").append('\n');
        }
        Path file = Files.writeString(dir.resolve("preise.csv"), csv);
        List<String> warnings = new ArrayList<>();
        assertThrows(org.dlkit.error.DlkitException.class, () -> FeatureTransform.fit(LabelledData.fromCsv(file,
                "Kauf"), warnings::add), "no feature column left");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).matches(".*; its values look like numbers with decimal commas \\(e\\.g\\. '\\d+,\\d\\d €'\\): "
                + "pass --decimal-comma to read them as numbers"), warnings.toString());
        TableSchema schema = FeatureTransform.fit(LabelledData.fromCsv(file, "Kauf", TableOptions.DEFAULT
                .withFormat(CsvFormat.DEFAULT.withDecimal(CsvFormat.Decimal.COMMA))), w -> { }).schema();
        assertEquals(ColumnKind.NUMERIC, schema.column("Preis").kind(), "read with --decimal-comma");
        double max = schema.column("Preis").max();
        assertTrue(max > 500 && max < 559 && Math.abs(max * 100 - Math.round(max * 100)) < 1e-2, "cents: " + max);
    }

    @Test
    void parsing() {
        FormattedNumbers dollars = new FormattedNumbers("$", false, "");
        assertEquals(-5f, dollars.parse("-$5", false));
        assertEquals(-5f, dollars.parse("$-5.00", false));
        assertEquals(1234567.5f, dollars.parse("$ 1,234,567.50", false));
        assertEquals(12f, dollars.parse("12", false), "a plain number");
        assertEquals(-1234f, dollars.parse("($1,234.00)", false), "accounting's negative");
        assertTrue(Float.isNaN(dollars.parse("(-5)", false)));
        assertTrue(Float.isNaN(dollars.parse("()", false)));
        assertTrue(Float.isNaN(dollars.parse("€5", false)), "another currency");
        assertTrue(Float.isNaN(dollars.parse("5%", false)), "not a percentage column");
        assertTrue(Float.isNaN(dollars.parse("1,23", false)), "groups of three");
        assertTrue(Float.isNaN(dollars.parse("1,2345", false)), "groups of three");
        assertEquals(1234.5f, new FormattedNumbers("€", false, "").parse("1.234,50 €", true));
        FormattedNumbers plain = new FormattedNumbers("", false, "");
        assertEquals(1234567.5f, plain.parse("1 234 567,5", true), "French");
        assertEquals(1234.5f, plain.parse("1\u00A0234,5", true), "a no-break space, as spreadsheets write it");
        assertEquals(1234.5f, plain.parse("1'234.50", false), "Swiss");
        assertTrue(Float.isNaN(plain.parse("12 34", false)), "groups of three");
        assertTrue(Float.isNaN(plain.parse("1 2", false)));
    }
}
