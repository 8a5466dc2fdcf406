package org.dlkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dlkit.InLocale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user in Germany, Turkey or Egypt gets the files a user anywhere else gets: train, predict and env run with the
 * JVM's default locale set to de-DE, tr-TR and ar-EG write byte for byte what they write under Locale.ROOT, numbers
 * with a point that parse, and a model saved in one locale predicts the same in another.
 */
class LocaleIndependenceTest {

    private static final String IRIS = "datasets/iris.csv";

    @TempDir
    static Path dir;

    /** The model directory trained in each locale (Locale.ROOT and the hostile ones). */
    private static final Map<Locale, Path> MODELS = new HashMap<>();
    /** What train printed in each locale. */
    private static final Map<Locale, String> PRINTED = new HashMap<>();

    @BeforeAll
    static void trainInEveryLocale() {
        for (Locale locale : Stream.concat(Stream.of(Locale.ROOT), InLocale.HOSTILE.stream()).toList()) {
            Path out = dir.resolve("iris-" + (locale == Locale.ROOT ? "root" : locale.toLanguageTag()));
            CliRun run = InLocale.call(locale, () -> CliRun.of("train", "--data", IRIS, "--out", out.toString(),
                    "--epochs", "6", "--checkpoint-every", "2"));
            assertEquals(0, run.exitCode(), locale + ": " + run.err());
            MODELS.put(locale, out);
            PRINTED.put(locale, run.out().replace(out.toString(), "OUT"));
        }
    }

    @Test
    void everyFileOfATrainedModelIsTheSameInEveryLocale() throws IOException {
        Map<String, byte[]> root = files(MODELS.get(Locale.ROOT));
        assertTrue(root.keySet().containsAll(List.of("history.csv", "metadata.json", "transform.json", "model.zip!/configuration.json",
                "report.html", "loss.png")), root.keySet().toString());
        for (Locale locale : InLocale.HOSTILE) {
            Map<String, byte[]> files = files(MODELS.get(locale));
            assertEquals(root.keySet(), files.keySet(), locale.toString());
            root.forEach((name, bytes) -> assertArrayEquals(bytes, files.get(name), locale + ": " + name));
            assertEquals(withoutTimings(PRINTED.get(Locale.ROOT)), withoutTimings(PRINTED.get(locale)),
                    locale + ": printed text");
        }
        // and what they hold are numbers other programs read: a point, no grouping
        List<String> history = Files.readAllLines(MODELS.get(InLocale.GERMAN).resolve("history.csv"));
        assertEquals(7, history.size());
        for (String line : history.subList(1, history.size())) {
            for (String cell : line.split(",")) {
                assertTrue(Double.isFinite(Double.parseDouble(cell)), line);
            }
        }
        JsonNode metrics = new ObjectMapper().readTree(MODELS.get(InLocale.GERMAN).resolve("metadata.json").toFile())
                .get("metrics");
        assertTrue(metrics.get("accuracy").isNumber() && metrics.get("accuracy").asDouble() > 0, metrics.toString());
    }

    /** Timings differ from run to run: "1.6 ms, 61,584 examples/s" and the median line. */
    private static String withoutTimings(String printed) {
        return printed.replaceAll("\\d[\\d.,]* ms, [\\d,]+ examples/s", "T")
                .replaceAll("training speed: [\\d,]+ examples/s", "T");
    }

    @Test
    void aModelSavedInOneLocalePredictsTheSameInAnother() throws IOException {
        byte[] expected = predict(Locale.ROOT, MODELS.get(Locale.ROOT), "root");
        List<String> lines = new String(expected).lines().toList();
        assertEquals(151, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double sum = Double.parseDouble(cells[2]) + Double.parseDouble(cells[3]) + Double.parseDouble(cells[4]);
            assertEquals(1.0, sum, 1e-5, line);
        }
        assertArrayEquals(expected, predict(InLocale.TURKISH, MODELS.get(InLocale.GERMAN), "de-in-tr"));
        assertArrayEquals(expected, predict(InLocale.ARABIC, MODELS.get(InLocale.GERMAN), "de-in-ar"));
        assertArrayEquals(expected, predict(InLocale.GERMAN, MODELS.get(InLocale.ARABIC), "ar-in-de"));
        assertArrayEquals(expected, predict(Locale.ROOT, MODELS.get(InLocale.TURKISH), "tr-in-root"));
    }

    private static byte[] predict(Locale locale, Path model, String name) throws IOException {
        Path out = dir.resolve("predictions-" + name + ".csv");
        CliRun run = InLocale.call(locale, () -> CliRun.of("predict", "--model", model.toString(), "--data", IRIS,
                "--out", out.toString()));
        assertEquals(0, run.exitCode(), locale + ": " + run.err());
        return Files.readAllBytes(out);
    }

    /** {@code env --json} printed "3,9 GiB (-Xmx)" on a German machine. */
    @Test
    void envJsonWritesMemoryWithAPoint() throws IOException {
        for (Locale locale : InLocale.HOSTILE) {
            Run run = InLocale.call(locale, () -> Run.of(new EnvCommand(), "--json"));
            assertEquals(0, run.exitCode(), run.err());
            JsonNode memory = new ObjectMapper().readTree(run.out()).get("memory");
            String heap = memory.get("heapMax").asText();
            assertTrue(heap.matches("\\d+\\.\\d GiB \\(-Xmx\\)"), locale + ": " + heap);
            assertTrue(memory.get("physicalMemory").asText().matches("\\d+\\.\\d GiB|no limit"), memory.toString());
        }
    }

    /**
     * Turkish lower-cases "I" to "ı" and upper-cases "i" to "İ": a column named ID and a label named Iris, options
     * in capitals (--backend CPU, --activation RELU) work as they do anywhere else.
     */
    @Test
    void namesWithAnIMatchUnderTurkishCaseRules() throws IOException {
        List<String> iris = Files.readAllLines(Path.of(IRIS));
        StringBuilder csv = new StringBuilder("ID,sepal_length,sepal_width,petal_length,petal_width,Iris\n");
        for (int i = 1; i < iris.size(); i++) {
            csv.append(i).append(',').append(iris.get(i).replace("setosa", "Iris-setosa")).append('\n');
        }
        Path data = Files.writeString(dir.resolve("iris-with-id.csv"), csv);
        Map<Locale, Map<String, byte[]>> models = new HashMap<>();
        for (Locale locale : List.of(Locale.ROOT, InLocale.TURKISH)) {
            Path out = dir.resolve("turkish-" + locale.toLanguageTag());
            CliRun run = InLocale.call(locale, () -> CliRun.of("train", "--data", data.toString(), "--label", "Iris",
                    "--backend", "CPU", "--activation", "RELU", "--updater", "ADAM", "--missing", "ERROR",
                    "--epochs", "3", "--out", out.toString()));
            assertEquals(0, run.exitCode(), locale + ": " + run.err());
            models.put(locale, files(out));
            JsonNode meta = new ObjectMapper().readTree(out.resolve("metadata.json").toFile());
            assertEquals("Iris", meta.get("label_name").asText());
            assertTrue(meta.get("class_names").toString().contains("Iris-setosa"), meta.get("class_names").toString());
            assertTrue(!meta.get("feature_names").toString().contains("\"ID\""), "the ID column is left out");
        }
        Map<String, byte[]> root = models.get(Locale.ROOT);
        root.forEach((name, bytes) -> assertArrayEquals(bytes, models.get(InLocale.TURKISH).get(name), name));
    }

    private static Map<String, byte[]> files(Path root) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(p).toString();
                if (name.endsWith(".zip")) {
                    zipEntries(p, name, files);
                } else {
                    files.put(name, Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** A zip's entries as {@code name!/entry}: the zip itself holds the time it was written. */
    private static void zipEntries(Path zip, String name, Map<String, byte[]> files) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(name + "!/" + e.getName(), in.readAllBytes());
            }
        }
    }
}
