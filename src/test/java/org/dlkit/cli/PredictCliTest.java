package org.dlkit.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.dlkit.cli.BadInputTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dlkit predict} as a Kaggle user runs it on a test file: rows keyed by an ID column copied as written
 * ({@code --id}), the class alone ({@code --class-only}), and what it says about rows it skips.
 */
class PredictCliTest {

    static final Path CUSTOMERS = TablesCliTest.CUSTOMERS;

    @TempDir
    static Path dir;
    static Path model;
    /** The first 20 rows of the customers table without the label, in another column order, and their IDs. */
    static Path rows;
    static final List<String> IDS = new ArrayList<>();

    @BeforeAll
    static void trainAndWriteRows() throws IOException {
        model = dir.resolve("customers-model");
        CliRun train = CliRun.of("train", "--data", CUSTOMERS.toString(), "--label", "churned", "--out",
                model.toString(), "--epochs", "20", "--diagnostics-every", "0");
        assertEquals(0, train.exitCode(), train.err());
        List<String> lines = Files.readAllLines(CUSTOMERS);
        StringBuilder csv = new StringBuilder("ticket,support_tickets,monthly_spend,region,plan,age\n");
        for (int i = 1; i <= 20; i++) {
            String[] c = lines.get(i).split(",");
            // IDs a float would change: leading zeros, above 2^24 (16,777,216), text with a comma
            String id = i % 3 == 0 ? "00" + i : i % 3 == 1 ? Long.toString(90_000_000_000L + i) : "\"T-" + i + ", x\"";
            IDS.add(id.replace("\"", ""));
            csv.append(String.join(",", id, c[7], c[6], c[4], c[3], c[5])).append('\n');
        }
        rows = Files.writeString(dir.resolve("test.csv"), csv);
    }

    private static List<String> predict(String... options) {
        List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString(), "--data", rows.toString()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return run.out().lines().toList();
    }

    @Test
    void idKeysEachRowByItsCellAsWrittenWhereTheLineWas() {
        List<String> plainRun = withoutIds("ticket-less");
        List<String> byId = predict("--id", "ticket");
        assertEquals("ticket,predicted,p_no,p_yes", byId.get(0));
        assertEquals(21, byId.size());
        for (int i = 1; i <= 20; i++) {
            String id = IDS.get(i - 1);
            String quoted = id.contains(",") ? "\"" + id + "\"" : id;
            assertEquals(quoted + plainRun.get(i).substring(plainRun.get(i).indexOf(',')), byId.get(i),
                    "row " + i + ": its ID, then what the same row without the ID column gets");
        }
    }

    /** The predictions of the same rows without their ID column, keyed by line. */
    private static List<String> withoutIds(String name) {
        try {
            List<String> lines = Files.readAllLines(rows);
            List<String> without = new ArrayList<>();
            for (String l : lines) {
                without.add(l.startsWith("\"") ? l.substring(l.indexOf("\",") + 2) : l.substring(l.indexOf(',') + 1));
            }
            Path file = Files.write(dir.resolve(name + ".csv"), without);
            CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", file.toString());
            assertEquals(0, run.exitCode(), run.err());
            List<String> out = run.out().lines().toList();
            assertEquals("line,predicted,p_no,p_yes", out.get(0));
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aColumnTheModelNeverSawIsRefusedNamingIgnoreAndLeftOutWithIt() throws IOException {
        CliRun refused = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString());
        assertTrue(refused.exitCode() == 2 && refused.errors().contains("(unexpected: ticket)")
                && refused.errors().contains("; the model was not trained on it: leave it out with --ignore "
                + "ticket"), refused.err());
        List<String> byLine = withoutIds("ticket-less");
        assertEquals(byLine, predict("--ignore", "ticket"), "the same rows without the column, the same predictions");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--ignore",
                "Ticket"), rows + ": --ignore names 'Ticket', which is no column (did you mean 'ticket'? column names "
                + "are case-sensitive); the columns are: ticket, support_tickets, monthly_spend, region, plan, age");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--images", "datasets/mnist-images",
                "--ignore", "ticket"), "--ignore applies to --data CSV, not to --images; leave it out");

        List<String> lines = Files.readAllLines(TablesCliTest.CUSTOMERS);
        List<String> labelled = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            labelled.add(lines.get(i) + (i == 0 ? ",ticket,notes" : ",T" + i + ",x"));
        }
        Path extra = Files.write(dir.resolve("labelled-extra.csv"), labelled);
        CliRun evaluateRefused = CliRun.of("evaluate", "--model", model.toString(), "--data", extra.toString());
        assertTrue(evaluateRefused.exitCode() == 2 && evaluateRefused.errors().contains("(unexpected: ticket, "
                + "notes)") && evaluateRefused.errors().contains("the model was not trained on them: leave them out "
                + "with --ignore ticket,notes"), evaluateRefused.err());
        CliRun evaluated = CliRun.of("evaluate", "--model", model.toString(), "--data", extra.toString(), "--ignore",
                "ticket,notes");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        Path plain = Files.write(dir.resolve("labelled-plain.csv"), lines.subList(0, 60));
        CliRun same = CliRun.of("evaluate", "--model", model.toString(), "--data", plain.toString());
        assertEquals(same.out(), evaluated.out(), "the same rows without the two columns, the same metrics");
        assertBadInput(CliRun.of("evaluate", "--model", model.toString(), "--data", extra.toString(), "--ignore",
                "churned"), extra + ": --ignore names 'churned', which is the label column; the feature columns are: ");
    }

    @Test
    void ignoringAColumnTheModelNeedsNamesTheOptionAndWritesNothing() throws IOException {
        Path out = dir.resolve("ignored-age.csv");
        CliRun predicted = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--ignore",
                "ticket,age", "--out", out.toString());
        assertBadInput(predicted, rows + ": --ignore age leaves out a column the model was trained on (age); "
                + "keep it: the model's columns are: ");
        assertFalse(Files.exists(out), "nothing written");
        Path labelled = Files.write(dir.resolve("labelled-ignore.csv"), Files.readAllLines(CUSTOMERS).subList(0, 40));
        assertBadInput(CliRun.of("evaluate", "--model", model.toString(), "--data", labelled.toString(), "--ignore",
                "age,plan"), labelled + ": --ignore age,plan leaves out columns the model was trained on (age, "
                + "plan); keep them: the model's columns are: ");
    }

    @Test
    void aNameWithACommaIsPassedToIgnoreInDoubleQuotesAndSaidSoWhenSplit() throws IOException {
        List<String> lines = Files.readAllLines(rows);
        lines.set(0, lines.get(0).replaceFirst("^ticket", "\"ticket, no\""));
        Path commaName = Files.write(dir.resolve("comma-name.csv"), lines);
        CliRun hinted = CliRun.of("predict", "--model", model.toString(), "--data", commaName.toString());
        assertTrue(hinted.exitCode() == 2 && hinted.errors().contains("leave it out with --ignore '\"ticket, no\"'"),
                hinted.err());
        CliRun quoted = CliRun.of("predict", "--model", model.toString(), "--data", commaName.toString(), "--ignore",
                "\"ticket, no\"");
        assertEquals(0, quoted.exitCode(), quoted.err());
        assertEquals(withoutIds("ticket-less"), quoted.out().lines().toList(), "the same rows without the column");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", commaName.toString(), "--ignore",
                "ticket, no"), commaName + ": --ignore names 'ticket', which is no column (a name with a comma is "
                + "split at it: put it in double quotes, --ignore '\"ticket, no\"'); the columns are: ");
    }

    @Test
    void classOnlyWritesTheIdAndTheClassUnderTheLabelsName() {
        withoutIds("ticket-less");
        List<String> full = predict("--id", "ticket");
        List<String> classes = predict("--id", "ticket", "--class-only");
        assertEquals("ticket,churned", classes.get(0));
        assertEquals(21, classes.size());
        for (int i = 1; i <= 20; i++) {
            String row = full.get(i);   // id,class,p_no,p_yes, the ID quoted when it holds a comma
            assertEquals(row.substring(0, row.lastIndexOf(',', row.lastIndexOf(',') - 1)), classes.get(i));
        }
        CliRun byLine = CliRun.of("predict", "--model", model.toString(), "--data",
                dir.resolve("ticket-less.csv").toString(), "--class-only");
        assertEquals(0, byLine.exitCode(), byLine.err());
        List<String> lines = byLine.out().lines().toList();
        assertEquals("line,churned", lines.get(0));
        assertEquals("2," + classes.get(1).substring(classes.get(1).lastIndexOf(',') + 1), lines.get(1));
    }

    @Test
    void outDashIsStandardOutputNotAFileNamedDash() {
        assertFalse(Files.exists(Path.of("-")), "no file '-' before");
        assertEquals(predict("--id", "ticket"), predict("--id", "ticket", "--out", "-"));
        assertFalse(Files.exists(Path.of("-")), "none written");
    }

    @Test
    void anIdColumnUsedAsAFeatureIsBothCopiedAndRead() {
        List<String> byLine = withoutIds("by-age");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", dir.resolve("by-age.csv").toString(),
                "--id", "age");
        assertEquals(0, run.exitCode(), run.err());
        List<String> byAge = run.out().lines().toList();
        assertEquals("age,predicted,p_no,p_yes", byAge.get(0));
        for (int i = 1; i <= 20; i++) {
            assertEquals(byLine.get(i).substring(byLine.get(i).indexOf(',')),
                    byAge.get(i).substring(byAge.get(i).indexOf(',')));
        }
    }

    @Test
    void anUnknownIdColumnIsOneLineNamingTheColumnsAndNothingIsWritten() {
        Path out = dir.resolve("p-unknown.csv");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--id", "Ticket",
                "--out", out.toString()), "no column 'Ticket' for the ID column (did you mean 'ticket'? column names "
                + "are matched exactly); the columns are: ticket, support_tickets, monthly_spend, region, plan, age");
        assertFalse(Files.exists(out));
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--images", "datasets/mnist-images", "--id",
                "ticket"), "--id applies to --data CSV, not to --images; leave it out");
    }

    @Test
    void blankLinesBetweenRowsAreSkippedWithAWarningAndTheLinesKept() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(rows));
        lines.add(3, "");
        lines.add(6, ",,,,,");
        lines.add("");
        Path gaps = Files.write(dir.resolve("gaps.csv"), lines);
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", gaps.toString(), "--id", "ticket");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: " + gaps + ": 2 blank lines between the rows were skipped (lines 4, 7); "
                + "they get no prediction\n"), run.err());
        assertEquals(predict("--id", "ticket"), run.out().lines().toList(), "the same rows, keyed by their IDs");
        withoutIds("ticket-less");
        List<String> plain = new ArrayList<>(Files.readAllLines(dir.resolve("ticket-less.csv")));
        plain.add(3, "");
        Path gapsByLine = Files.write(dir.resolve("gaps-by-line.csv"), plain);
        CliRun lined = CliRun.of("predict", "--model", model.toString(), "--data", gapsByLine.toString());
        assertTrue(lined.err().contains("1 blank line between the rows was skipped (line 4); they get no prediction, so "
                + "match predictions to rows by the 'line' column, not by position"), lined.err());
        List<String> out = lined.out().lines().toList();
        assertEquals(21, out.size());
        assertTrue(out.get(2).startsWith("3,") && out.get(3).startsWith("5,"), out.toString());
    }

    @Test
    void aEuropeanExportIsNamedAsSuchAndReadWithDecimalComma() throws IOException {
        List<String> byLine = withoutIds("ticket-less");
        List<String> lines = Files.readAllLines(dir.resolve("ticket-less.csv"));
        List<String> semicolons = new ArrayList<>();
        for (String l : lines) {   // support_tickets,monthly_spend,region,plan,age: the spend gets a decimal comma
            String[] c = l.split(",", -1);
            semicolons.add(String.join(";", c[0], c[1].replace('.', ','), c[2], c[3], c[4]));
        }
        Path excel = Files.write(dir.resolve("excel.csv"), semicolons);
        String comma = semicolons.stream().skip(1).map(l -> l.split(";")[1]).filter(v -> v.contains(",")).findFirst()
                .orElseThrow();
        CliRun refused = CliRun.of("predict", "--model", model.toString(), "--data", excel.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.errors().contains("column 'monthly_spend': numeric in training, but line "),
                refused.err());
        assertTrue(refused.errors().contains("a number with a decimal comma: read the file with decimal commas "
                + "(--decimal-comma)"), refused.err() + " for " + comma);
        CliRun read = CliRun.of("predict", "--model", model.toString(), "--data", excel.toString(), "--decimal-comma");
        assertEquals(0, read.exitCode(), read.err());
        assertEquals(byLine, read.out().lines().toList(), "the same numbers, the same predictions");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--images", "datasets/mnist-images",
                "--decimal-comma"), "--decimal-comma applies to --data CSV, not to --images; leave it out");
    }

    @Test
    void withoutIdAColumnTheModelNeverSawIsStillRefused() throws IOException {
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString());
        assertTrue(run.exitCode() == 2 && run.errors().contains("(unexpected: ticket)"), run.err());
        assertFalse(run.errors().contains("--id"), "'ticket' is not named like an ID: " + run.err());
        Path kaggle = Files.writeString(dir.resolve("kaggle.csv"), "PassengerId,plan,region,age,monthly_spend,"
                + "support_tickets\n892,basic,north,30,20,1\n");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", kaggle.toString()),
                "(unexpected: PassengerId) ('PassengerId' looks like an ID column: key the predictions by it, --id "
                        + "PassengerId on the command line); expected plan, region, age, monthly_spend, support_tickets");
        Path labelled = Files.writeString(dir.resolve("kaggle-labelled.csv"), "PassengerId,plan,region,age,"
                + "monthly_spend,support_tickets,churned\n892,basic,north,30,20,1,no\n");
        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", labelled.toString());
        assertTrue(evaluate.exitCode() == 2 && evaluate.errors().contains("(unexpected: PassengerId)")
                && !evaluate.errors().contains("--id"), "evaluate has no --id: " + evaluate.err());
        CliRun keyed = CliRun.of("predict", "--model", model.toString(), "--data", kaggle.toString(), "--id",
                "PassengerId");
        assertEquals(0, keyed.exitCode(), keyed.err());
        assertTrue(keyed.out().startsWith("PassengerId,predicted,p_no,p_yes\r\n892,"), keyed.out());
    }
}
