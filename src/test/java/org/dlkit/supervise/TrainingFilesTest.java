package org.dlkit.supervise;

import org.dlkit.Classifier;
import org.dlkit.TrainedClassifier;
import org.dlkit.data.LabelledData;
import org.dlkit.train.EpochRecord;
import org.dlkit.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** History in memory and on disk, the charts, and a report that needs no network. */
class TrainingFilesTest {

    @TempDir
    Path dir;

    @Test
    void historyChartsAndReportAreWrittenWithTheModel() throws IOException {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets", "iris.csv"), "species");
        TrainedClassifier model = Classifier.builder().epochs(30).build().fit(iris);
        History history = model.history();
        assertEquals(30, history.size());
        for (EpochRecord r : history.epochs()) {
            assertTrue(r.hasValidation() && r.valAccuracy() >= 0 && r.valAccuracy() <= 1 && r.trainLoss() > 0, r.toString());
        }
        assertTrue(history.last().trainLoss() < history.epoch(1).trainLoss(), "training lowers the loss");
        assertTrue(history.last().valLoss() < history.epoch(1).valLoss(), "and the validation loss");

        Path out = dir.resolve("iris");
        model.save(out, false);
        assertEquals(history.toCsv(), Files.readString(out.resolve(SupervisionFiles.HISTORY)));
        assertEquals(history.epochs(), TrainedClassifier.load(out).history().epochs(), "history read back exactly");
        List<String> stats = Files.readAllLines(out.resolve(SupervisionFiles.LAYER_STATS));
        assertEquals(LayerStats.CSV_HEADER, stats.get(0));
        assertEquals(model.training().layerStats().size() + 1, stats.size());

        assertImage(Files.readAllBytes(out.resolve(SupervisionFiles.LOSS_PNG)), 800, 450);
        assertImage(Files.readAllBytes(out.resolve(SupervisionFiles.ACCURACY_PNG)), 800, 450);
        assertImage(Files.readAllBytes(out.resolve(SupervisionFiles.LAYERS_PNG)), 1600, 900);

        String html = Files.readString(out.resolve(SupervisionFiles.REPORT));
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            assertImage(Base64.getDecoder().decode(images.group(1)), 800, 450);
            count++;
        }
        assertEquals(3, count, "three charts inlined");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"),
                "nothing loaded from the network");
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "accuracy <b>%.4f</b>", model.evaluation().accuracy())));
        assertTrue(html.contains("Confusion matrix") && html.contains("versicolor"));
    }

    /** A readable PNG at least {@code width} x {@code height} (a grid of charts is larger) that is not blank. */
    private static void assertImage(byte[] png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null && image.getWidth() >= width && image.getHeight() >= height, "PNG of the chart size");
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 5, "lines and text are drawn: " + colours.size() + " colours");
    }
}
