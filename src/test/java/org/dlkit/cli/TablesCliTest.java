package org.dlkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dlkit.TrainedClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.dlkit.cli.BadInputTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real tables through the CLI: a table with an ID column, a date column, names, text categories and gaps trains,
 * prints its schema, and predicts raw rows without the label column in another column order; the table bad inputs
 * are one-line errors with exit code 2 and nothing written.
 */
class TablesCliTest {

    static final Path CUSTOMERS = Path.of("src/test/resources/tables/customers.csv");

    @TempDir
    static Path dir;
    static Path model;
    static CliRun train;

    @BeforeAll
    static void trainOnCustomers() {
        model = dir.resolve("customers-model");
        train = CliRun.of("train", "--data", CUSTOMERS.toString(), "--label", "churned", "--out", model.toString(),
                "--diagnostics-every", "0");
        assertEquals(0, train.exitCode(), train.err());
    }

    @Test
    void schemaIsPrintedAndIdDateAndNameAreLeftOutWithTheirOverride() throws IOException {
        String out = train.out();
        assertTrue(out.matches("(?s).*plan\\s+categorical\\s+\\d+\\s+3: basic, enterprise, pro.*"), out);
        assertTrue(out.matches("(?s).*monthly_spend\\s+numeric\\s+\\d+\\s+.*"), out);
        assertTrue(out.contains("warning: column 'customer_id' holds unique increasing integers, like a row ID; left out "
                + "(pass --numeric customer_id to use it)"), out);
        assertTrue(out.contains("warning: column 'signup_date' looks like dates"), out);
        assertTrue(out.contains("(pass --categorical name to one-hot encode it)"), out);
        assertTrue(out.contains("missing cells filled in"), out);
        double accuracy = new ObjectMapper().readTree(model.resolve("metadata.json").toFile())
                .at("/metrics/accuracy").asDouble();
        assertTrue(accuracy >= 0.75, "well above the majority class (0.51): " + accuracy);
        assertTrue(Files.isRegularFile(model.resolve("transform.json")));
    }

    @Test
    void predictTakesRawRowsWithoutLabelInAnotherOrder() throws IOException {
        List<String> lines = Files.readAllLines(CUSTOMERS);
        StringBuilder csv = new StringBuilder("support_tickets,monthly_spend,region,plan,age,name\n");
        for (String line : lines.subList(1, 21)) {
            String[] c = line.split(",");
            csv.append(String.join(",", c[7], c[6], c[4], c[3], c[5], c[2])).append('\n');
        }
        csv.append("3,50,\"moon, far side\",basic,,\"Someone \"\"new\"\"\"\n");
        Path rows = dir.resolve("raw-rows.csv");
        Files.writeString(rows, csv);
        Path out = dir.resolve("predictions.csv");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--out",
                out.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(predict.err().contains("column 'region': 'moon, far side' (1 row) not seen in training; encoded as "
                + "all zeros"), predict.err());
        List<String> written = Files.readAllLines(out);
        assertEquals("line,predicted,p_no,p_yes", written.get(0));
        assertEquals(22, written.size());
        int correct = 0;
        for (int i = 1; i <= 20; i++) {
            correct += written.get(i).split(",")[1].equals(lines.get(i).substring(lines.get(i).lastIndexOf(',') + 1))
                    ? 1 : 0;
        }
        assertTrue(correct >= 14, correct + " of 20 training-file rows predicted as labelled");
    }

    @Test
    void evaluateAppliesTheSavedTransform() {
        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", CUSTOMERS.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.out().contains("confusion matrix"), evaluate.out());
    }

    @Test
    void evaluateWarnsOnStandardErrorAndKeepsTheReportClean() throws IOException {
        List<String> lines = Files.readAllLines(CUSTOMERS);
        List<String> changed = new java.util.ArrayList<>(lines.subList(0, 41));
        changed.set(1, changed.get(1).replace(",south,", ",moon,"));
        Path rows = dir.resolve("unseen-region.csv");
        Files.write(rows, changed);
        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", rows.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.err().contains("column 'region': 'moon' (1 row) not seen in training"),
                evaluate.err());
        assertFalse(evaluate.out().contains("warning"), evaluate.out());
        assertTrue(evaluate.out().startsWith("accuracy "), evaluate.out());
    }

    @Test
    void predictCsvMissingAFeatureColumn() throws IOException {
        assertPredictRefuses("no-plan.csv", "region,age,monthly_spend,support_tickets\nnorth,30,20,1\n",
                "(missing: plan)", "p1.csv");
    }

    @Test
    void predictCsvMissingAFeatureColumnSaysHowToPredictWithoutItsValues() throws IOException {
        Path csv = dir.resolve("no-age.csv");
        Files.writeString(csv, "plan,region,monthly_spend,support_tickets\nbasic,north,20,1\n");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString());
        assertEquals(2, run.exitCode(), run.err());
        String median = TrainedClassifier.load(model).transform().schema().column("age").fill();
        assertTrue(run.err().contains("(missing: age); expected plan, region, age, monthly_spend, support_tickets; "
                + "if its values are unknown, add the column with empty cells, which predict fills in as it fills "
                + "gaps (age: the training median, " + median + ")"), run.err());
        Files.writeString(csv, "plan,region,monthly_spend,support_tickets,age\nbasic,north,20,1,\n");
        CliRun filled = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString());
        assertEquals(0, filled.exitCode(), filled.err());
    }

    @Test
    void predictCsvWithANewColumn() throws IOException {
        assertPredictRefuses("new-column.csv",
                "plan,region,age,monthly_spend,support_tickets,vip\nbasic,north,30,20,1,yes\n",
                "(unexpected: vip)", "p2.csv");
    }

    @Test
    void numericInTrainingButTextInPredictData() throws IOException {
        assertPredictRefuses("text-age.csv",
                "plan,region,age,monthly_spend,support_tickets\nbasic,north,30,20,1\npro,east,old,5,2\n",
                "column 'age': numeric in training, but line 3 holds 'old'", "p3.csv");
    }

    @Test
    void aWrongDelimiterIsNamedAsTheLikelyCause() throws IOException {
        Path csv = dir.resolve("commas.csv");
        Files.writeString(csv, "plan,region,age,monthly_spend,support_tickets\nbasic,north,30,20,1\n");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--delimiter", ";"),
                "(the header reads 'plan,region,age,monthly_spend,support_tickets' as one column: the file looks "
                        + "','-separated; check the delimiter, --delimiter on the command line)");
    }

    @Test
    void optionsNamingNoColumn() {
        Path out = dir.resolve("o-options");
        assertBadInput(CliRun.of("train", "--data", CUSTOMERS.toString(), "--label", "churned", "--out", out.toString(),
                "--categorical", "plan,colour"), "--categorical names 'colour', which is no column");
        assertBadInput(CliRun.of("train", "--data", CUSTOMERS.toString(), "--label", "churned", "--out", out.toString(),
                "--ignore", "churned"), "--ignore names 'churned', which is the label column");
        assertBadInput(CliRun.of("train", "--data", CUSTOMERS.toString(), "--label", "churned", "--out", out.toString(),
                "--missing", "guess"), "--missing 'guess' is unknown; expected impute, drop or error");
        assertFalse(Files.exists(out));
    }

    @Test
    void missingErrorNamesTheCell() throws IOException {
        Path csv = dir.resolve("gap.csv");
        StringBuilder rows = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 20; i++) {
            rows.append(i % 7).append(',').append(i == 9 ? "" : String.valueOf(i % 3)).append(',')
                    .append(i % 2 == 0 ? "x" : "y").append('\n');
        }
        Files.writeString(csv, rows);
        Path out = dir.resolve("o-gap");
        assertBadInput(CliRun.of("train", "--data", csv.toString(), "--out", out.toString(), "--missing", "error"),
                "line 11, column 'b': missing value (--missing error)");
        assertFalse(Files.exists(out));
    }

    /** predict on a CSV holding {@code text} ends in the one line {@code message} and writes no {@code out} file. */
    private static void assertPredictRefuses(String csvName, String text, String message, String outName)
            throws IOException {
        Path csv = dir.resolve(csvName);
        Files.writeString(csv, text);
        Path out = dir.resolve(outName);
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--out",
                out.toString()), message);
        assertFalse(Files.exists(out));
    }
}
