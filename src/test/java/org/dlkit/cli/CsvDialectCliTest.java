package org.dlkit.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.dlkit.cli.BadInputTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A European Excel export (';', decimal commas, a byte-order mark, CRLF) trains with {@code --decimal-comma}, says so
 * in stage 1, and its model predicts both a ';' file and a ',' file of the same rows alike (each file's delimiter
 * detected on its own); the dialect options' bad values are one-line errors with nothing written.
 */
class CsvDialectCliTest {

    @TempDir
    static Path dir;
    static Path model;
    static CliRun train;
    /** The rows as (weight, price, colour, class). */
    static final String[][] ROWS = new String[80][];

    @BeforeAll
    static void trainOnAnExcelExport() throws IOException {
        Random random = new Random(11);
        StringBuilder excel = new StringBuilder("\uFEFFGewicht;Preis;Farbe;Klasse\r\n");
        for (int i = 0; i < ROWS.length; i++) {
            boolean heavy = i % 2 == 0;
            double weight = (heavy ? 3 : 1) + random.nextDouble();
            double price = 1000 + random.nextInt(2000) + random.nextInt(10) / 10.0;
            ROWS[i] = new String[] {String.format(Locale.ROOT, "%.2f", weight),
                    String.format(Locale.ROOT, "%.1f", price), random.nextBoolean() ? "rot" : "blau",
                    heavy ? "schwer" : "leicht"};
            excel.append(String.format(Locale.GERMANY, "%.2f;%,.1f;%s;%s\r\n", weight, price, ROWS[i][2],
                    ROWS[i][3]));
        }
        Path csv = Files.writeString(dir.resolve("excel.csv"), excel, StandardCharsets.UTF_8);
        model = dir.resolve("model");
        train = CliRun.of("train", "--data", csv.toString(), "--label", "Klasse", "--decimal-comma", "--out",
                model.toString(), "--epochs", "30", "--diagnostics-every", "0", "--seed", "5");
        assertEquals(0, train.exitCode(), train.err());
    }

    @Test
    void stageOneNamesTheDialectAndTheNumbersAreNumbers() {
        assertTrue(train.out().contains("excel.csv (';'-separated, decimal commas): 80 rows, 3 feature columns -> 4 "
                + "inputs, 2 classes"), train.out());
        assertTrue(train.out().matches("(?s).*Preis\\s+numeric\\s+0\\s+1\\d{3}.*"), train.out());
    }

    @Test
    void predictDetectsEachFilesOwnDelimiter() throws IOException {
        StringBuilder semis = new StringBuilder("Farbe;Gewicht;Preis\n");
        StringBuilder commas = new StringBuilder("Farbe,Gewicht,Preis\n");
        for (String[] r : ROWS) {
            semis.append(r[2]).append(';').append(r[0].replace('.', ',')).append(';').append(r[1].replace('.', ','))
                    .append('\n');
            commas.append(r[2]).append(',').append(r[0]).append(',').append(r[1]).append('\n');
        }
        Path outSemis = dir.resolve("p1.csv"), outCommas = dir.resolve("p2.csv");
        CliRun a = CliRun.of("predict", "--model", model.toString(), "--data",
                Files.writeString(dir.resolve("rows-semis.csv"), semis).toString(), "--out", outSemis.toString());
        CliRun b = CliRun.of("predict", "--model", model.toString(), "--data",
                Files.writeString(dir.resolve("rows-commas.csv"), commas).toString(), "--out", outCommas.toString());
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(0, b.exitCode(), b.err());
        List<String> x = Files.readAllLines(outSemis), y = Files.readAllLines(outCommas);
        assertEquals(x, y, "the same rows, predicted alike from either file");
        long right = 0;
        for (int i = 0; i < ROWS.length; i++) {
            right += x.get(i + 1).split(",")[1].equals(ROWS[i][3]) ? 1 : 0;
        }
        assertTrue(right >= 70, "weight separates the classes: " + right + " of 80");
    }

    @Test
    void evaluateReadsTheTrainingFileAsTrained() {
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", dir.resolve("excel.csv").toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void badDialectOptionsAreOneLineAndWriteNothing() throws IOException {
        Path commas = Files.writeString(dir.resolve("commas.csv"), "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n");
        Path out = dir.resolve("never");
        assertBadInput(CliRun.of("train", "--data", commas.toString(), "--decimal-comma", "--out", out.toString()),
                "commas.csv: --decimal-comma, but the file is comma-separated");
        assertBadInput(CliRun.of("train", "--data", commas.toString(), "--delimiter", ":", "--out", out.toString()),
                "--delimiter ':' is not supported; expected ',', ';', 'tab' (or '\\t') or '|'");
        assertBadInput(CliRun.of("train", "--data", commas.toString(), "--delimiter", ",", "--decimal-comma",
                "--out", out.toString()), "--decimal-comma needs a delimiter other than ','");
        assertBadInput(CliRun.of("train", "--data", commas.toString(), "--delimiter", ";", "--out", out.toString()),
                "only one column (read with delimiter ';', but the header contains ',': pass --delimiter ','");
        assertFalse(Files.exists(out));
        Path p = dir.resolve("never.csv");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", commas.toString(), "--delimiter",
                "tabs", "--out", p.toString()), "--delimiter 'tabs' is not supported");
        assertFalse(Files.exists(p));
    }

    @Test
    void aTabSeparatedFileTrainsAndSaysSo() throws IOException {
        StringBuilder tsv = new StringBuilder("x\ty\tlabel\n");
        for (int i = 0; i < 40; i++) {
            tsv.append(i % 2 == 0 ? 1 : 5).append('\t').append(i % 7).append('\t').append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("data.tsv"), tsv);
        CliRun run = CliRun.of("train", "--data", file.toString(), "--out", dir.resolve("tsv-model").toString(),
                "--epochs", "2", "--diagnostics-every", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("data.tsv (tab-separated): 40 rows"), run.out());
    }
}
