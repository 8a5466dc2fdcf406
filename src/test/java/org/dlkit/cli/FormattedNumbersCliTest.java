package org.dlkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A housing export as a pandas user brings it: areas with thousands separators ({@code "1,234"}, quoted), prices in
 * dollars, a tax rate in percent. {@code train} reads them as numbers and learns from them; {@code predict} reads a
 * file without the label, in another column order, the same way.
 */
class FormattedNumbersCliTest {

    @TempDir
    Path dir;

    /** {@code rows} houses; the band follows the area, which only the formatted columns carry. */
    private static String houses(int rows, long seed, boolean label) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(label ? "sqft,price,tax,band\n" : "tax,price,sqft\n");
        for (int i = 0; i < rows; i++) {
            int sqft = 400 + random.nextInt(4000);
            String area = sqft >= 1000 ? String.format(Locale.ROOT, "\"%,d\"", sqft) : Integer.toString(sqft);
            String price = String.format(Locale.ROOT, "\"$%,.2f\"", sqft * (200 + 50 * random.nextGaussian()));
            String tax = String.format(Locale.ROOT, "%.1f%%", 0.5 + random.nextInt(25) / 10.0);
            String band = sqft > 3000 ? "high" : sqft > 1700 ? "mid" : "low";
            csv.append(label ? String.join(",", area, price, tax, band) : String.join(",", tax, price, area))
                    .append('\n');
        }
        return csv.toString();
    }

    @Test
    void trainReadsTheFormattedColumnsAndPredictReadsThemAlike() throws IOException {
        Path csv = Files.writeString(dir.resolve("houses.csv"), houses(400, 3, true));
        Path model = dir.resolve("model");
        CliRun train = CliRun.of("train", "--data", csv.toString(), "--label", "band", "--out", model.toString(),
                "--diagnostics-every", "0");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().matches("(?s).*sqft\\s+numeric\\s+0\\s+4\\d\\d \\.\\. 4\\d\\d\\d,.*"), train.out());
        assertTrue(train.out().contains("warning: column 'price' holds numbers written with thousands separators and "
                + "a currency symbol ('$')"), train.out());
        double accuracy = new ObjectMapper().readTree(model.resolve("metadata.json").toFile())
                .at("/metrics/accuracy").asDouble();
        assertTrue(accuracy >= 0.85, "the area decides the band: " + accuracy);

        Path rows = Files.writeString(dir.resolve("new.csv"), houses(50, 4, false));
        Path out = dir.resolve("predictions.csv");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", rows.toString(), "--out",
                out.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(!predict.err().contains("warning"), "every cell read: " + predict.err());
        List<String> truth = houses(50, 4, true).lines().skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1))
                .toList();
        List<String> predicted = Files.readAllLines(out).stream().skip(1).map(l -> l.split(",")[1]).toList();
        long correct = java.util.stream.IntStream.range(0, 50).filter(i -> truth.get(i).equals(predicted.get(i)))
                .count();
        assertTrue(correct >= 40, correct + " of 50 right");
    }
}
