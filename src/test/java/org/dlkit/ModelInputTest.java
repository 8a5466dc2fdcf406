package org.dlkit;

import org.dlkit.backend.Backends;
import org.dlkit.backend.Threads;
import org.dlkit.data.ImageFolder;
import org.dlkit.data.LabelledData;
import org.dlkit.data.TableOptions;
import org.dlkit.error.DlkitException;
import org.dlkit.eval.EvaluationReport;
import org.dlkit.eval.Predictions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a Java user hands a trained model: inputs of the wrong kind (a table for a model trained on images and the other
 * way round, images at another size), feature arrays of the wrong shape or with NaN, labelled rows with only some of
 * the model's classes, no rows at all. Each is one {@link DlkitException} naming the input and what was expected, or
 * the right answer; never a DL4J exception or a silently wrong number.
 */
class ModelInputTest {

    private static final Path IRIS = Path.of("datasets/iris.csv");
    private static final Path IMAGES = Path.of("datasets/mnist-images");

    @TempDir
    static Path dir;
    static TrainedClassifier iris;
    static TrainedClassifier digits;

    @BeforeAll
    static void trainSmallModels() {
        iris = Classifier.builder().epochs(30).seed(7).build().fit(LabelledData.fromCsv(IRIS, "species"));
        digits = Classifier.builder().epochs(3).seed(7).build()
                .fit(ImageFolder.load(IMAGES, new ImageFolder.Size(6, 6)));
    }

    private static void assertRefused(Executable call, String expected) {
        DlkitException e = assertThrows(DlkitException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().length() < 400, "one short line: " + e.getMessage());
    }

    @Test
    void aLoadedModelKeepsItsHeldOutEvaluation() {
        Path saved = dir.resolve("iris-saved");
        iris.save(saved, false);
        EvaluationReport before = iris.evaluation();
        EvaluationReport after = TrainedClassifier.load(saved).evaluation();
        assertEquals(before.table(), after.table());
        assertEquals(before.accuracy(), after.accuracy());
        assertEquals(before.macroF1(), after.macroF1());
        assertEquals(before.classes(), after.classes());
        assertArrayEquals(before.confusion(), after.confusion());
        assertNull(EvaluationReport.fromMap(Map.of()), "no metrics recorded");
        assertNull(EvaluationReport.fromMap(null));
    }

    /** Run in a fresh JVM: loads the model in args[0], then prints the backend selection and this thread's threads. */
    public static void main(String[] args) {
        TrainedClassifier.load(Path.of(args[0]));
        System.out.println("selected: " + Backends.selected().isPresent());
        System.out.println("openmp: " + Threads.current("").openMpThreads());
    }

    /** As fit() does: a Java program that only loads and predicts gets dlkit's backend choice and thread setting. */
    @Test
    void loadingAModelChoosesTheBackendAndTunesTheThreadsAsFitDoes() throws IOException, InterruptedException {
        Path saved = dir.resolve("iris-for-a-fresh-jvm");
        iris.save(saved, false);
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ModelInputTest.class.getName(), saved.toString()));
        builder.environment().remove("OMP_NUM_THREADS");
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertTrue(output.contains("selected: true\n"), output);
        assertTrue(output.contains("openmp: 1\n"), "one OpenMP thread, not ND4J's busy-waiting default:\n" + output);
    }

    @Test
    void theImageSizeIsKnownToTheModel() {
        assertEquals(new ImageFolder.Size(6, 6), digits.imageSize());
        assertNull(iris.imageSize());
    }

    @Test
    void aTableForAModelTrainedOnImagesIsNamedAsSuch() {
        String expected = "the model was trained on images (6x6 pixels), not table columns";
        assertRefused(() -> digits.predictCsv(IRIS, w -> { }), "datasets/iris.csv: " + expected);
        assertRefused(() -> digits.predict(Map.of("sepal_length", 5.1)), expected);
        assertRefused(() -> digits.predict(List.of("sepal_length"), List.of(List.of(5.1))), expected);
        assertRefused(() -> digits.evaluate(LabelledData.fromCsv(IRIS, "species")), "datasets/iris.csv: " + expected);
    }

    @Test
    void imagesForAModelTrainedOnATableAreNamedAsSuch() {
        assertRefused(() -> iris.evaluate(ImageFolder.load(IMAGES, new ImageFolder.Size(6, 6))),
                "datasets/mnist-images: the model was trained on table columns (sepal_length, sepal_width, "
                        + "petal_length, petal_width), not images");
        assertRefused(() -> iris.predictImages(IMAGES), "datasets/mnist-images: the model was trained on table "
                + "columns");
    }

    @Test
    void imagesAtAnotherSizeAreNamedWithTheModelsSize() {
        assertRefused(() -> digits.evaluate(ImageFolder.load(IMAGES, new ImageFolder.Size(8, 8))),
                "datasets/mnist-images: images at 8x8 pixels; the model reads 6x6");
        assertRefused(() -> digits.predictProbabilities(new double[][] {new double[64]}),
                "row 0 has 64 values; expected 36 (6x6 pixels)");
    }

    @Test
    void predictImagesGivesOneRowPerFileAsTheFeaturesDo() {
        Path three = IMAGES.resolve("3");
        Predictions p = digits.predictImages(three);
        List<Path> files = ImageFolder.imagesUnder(three);
        assertEquals(files.stream().map(Path::toString).toList(), p.ids());
        assertEquals("file", p.idColumn());
        double[][] direct = digits.predictProbabilities(ImageFolder.pixels(files, digits.imageSize()));
        for (int i = 0; i < direct.length; i++) {
            assertArrayEquals(direct[i], p.probabilities()[i], 0.0);
        }
        Predictions one = digits.predictImages(files.get(0));
        assertArrayEquals(direct[0], one.probabilities()[0], 1e-6, "alone or in a batch of 60: float sums in another order");
    }

    @Test
    void featureArraysOfTheWrongShapeAreNamed() {
        assertRefused(() -> iris.predictProbabilities(new double[][] {{5.1, 3.5, 1.4}}),
                "row 0 has 3 values; expected 4 (sepal_length, sepal_width, petal_length, petal_width)");
        assertRefused(() -> iris.predictProbabilities(new double[][] {{5.1, 3.5, 1.4, 0.2}, {1, 2}}),
                "row 1 has 2 values; expected 4");
        assertRefused(() -> iris.predictProbabilities(new double[][] {{5.1, 3.5, 1.4, 0.2}, null}),
                "row 1 is null");
        assertRefused(() -> iris.predictProbabilities((double[][]) null), "features: null");
        assertRefused(() -> iris.predictProbabilities(new double[][] {{5.1, Double.NaN, 1.4, 0.2}}),
                "row 0, column 1 (sepal_width): NaN; expected a finite number");
        assertRefused(() -> iris.predictProbabilities(new double[][] {{5.1, 3.5, Double.NEGATIVE_INFINITY, 0.2}}),
                "row 0, column 2 (petal_length): -Infinity; expected a finite number");
    }

    @Test
    void noRowsGiveNoPredictions() {
        assertEquals(0, iris.predictProbabilities(new double[0][]).length);
        assertEquals(List.of(), iris.predict(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
                List.of()));
    }

    @Test
    void theProbabilitiesAreDl4jsOutputRowByRow() {
        double[][] x = {{5.1, 3.5, 1.4, 0.2}, {6.9, 3.0, 5.4, 2.3}, {5.9, 3.0, 4.2, 1.5}};
        INDArray features = Nd4j.create(x).castTo(iris.network().getLayerWiseConfigurations().getDataType());
        iris.normalizer().transform(features);
        double[][] dl4j = iris.network().output(features).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] ours = iris.predictProbabilities(x);
        assertEquals(3, ours.length);
        for (int r = 0; r < x.length; r++) {
            assertArrayEquals(dl4j[r], ours[r], 0.0, "row " + r);
        }
    }

    @Test
    void theRawFeaturesArrayIsNotChanged() {
        double[][] x = {{5.1, 3.5, 1.4, 0.2}};
        iris.predictProbabilities(x);
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, x[0], 0.0);
    }

    /** Rows of some of the model's classes are scored against those classes, not renumbered from 0. */
    @Test
    void labelledRowsWithSomeOfTheClassesAreMatchedByName() throws IOException {
        List<String> lines = Files.readAllLines(IRIS);
        Path noSetosa = dir.resolve("no-setosa.csv");
        Files.write(noSetosa, lines.stream().filter(l -> !l.contains("setosa")).toList());
        EvaluationReport all = iris.evaluate(LabelledData.fromCsv(IRIS, "species"));
        EvaluationReport some = iris.evaluate(LabelledData.fromCsv(noSetosa, "species"));
        assertEquals(iris.info().classNames(), some.classNames());
        assertEquals(100, some.examples());
        int[][] allMatrix = all.confusion();
        int[][] someMatrix = some.confusion();
        assertArrayEquals(new int[3], someMatrix[0], "no setosa row");
        assertArrayEquals(allMatrix[1], someMatrix[1], "versicolor rows as in the whole file");
        assertArrayEquals(allMatrix[2], someMatrix[2], "virginica rows as in the whole file");
    }

    /** evaluateCsv reads a file as the training file was read: decimal commas, the model's label column and classes. */
    @Test
    void evaluateCsvReadsTheFileAsTrainingDid() throws IOException {
        List<String> lines = Files.readAllLines(IRIS);
        Path european = dir.resolve("iris-eu.csv");
        Files.write(european, lines.stream().map(l -> l.replace(',', ';').replace('.', ',')).toList());
        TrainedClassifier eu = Classifier.builder().epochs(30).seed(7).build().fit(LabelledData.fromCsv(european,
                "species", TableOptions.DEFAULT.withDecimalComma(true)));
        EvaluationReport viaCsv = eu.evaluateCsv(european, w -> { });
        assertEquals(150, viaCsv.examples());
        assertEquals(eu.evaluate(LabelledData.fromCsv(european, "species",
                TableOptions.DEFAULT.withDecimalComma(true))).accuracy(), viaCsv.accuracy());
        assertTrue(viaCsv.accuracy() > 0.8, "numbers read as numbers, not as gaps: " + viaCsv.accuracy());
        assertRefused(() -> iris.evaluateCsv(dir.resolve("absent.csv"), w -> { }), "absent.csv");
        assertRefused(() -> digits.evaluateCsv(IRIS, w -> { }), "not table columns");
    }

    @Test
    void evaluateImagesLoadsThemAtTheModelsSizeAndClasses() {
        EvaluationReport report = digits.evaluateImages(IMAGES.resolve("..").resolve("mnist-images"));
        assertEquals(digits.evaluate(ImageFolder.load(IMAGES, new ImageFolder.Size(6, 6))).accuracy(),
                report.accuracy());
        assertEquals(600, report.examples());
        assertRefused(() -> iris.evaluateImages(IMAGES), "the model was trained on table columns");
    }

    @Test
    void rowsWithoutALabelAreLeftOutOfTheEvaluationWithAWarning() throws IOException {
        List<String> lines = Files.readAllLines(IRIS);
        Path gaps = dir.resolve("label-gaps.csv");
        Files.write(gaps, List.of(lines.get(0), lines.get(1), lines.get(2), "5.0,3.4,1.5,0.2,", lines.get(60),
                "6.0,3.4,4.5,1.6,NA"));
        List<String> warnings = new java.util.ArrayList<>();
        EvaluationReport report = iris.evaluateCsv(gaps, warnings::add);
        assertEquals(3, report.examples());
        assertEquals(List.of(gaps + ": 2 rows without a label (column 'species') left out of the evaluation"),
                warnings);
    }

    @Test
    void labelledRowsOfAnotherClassAreRefusedByName() throws IOException {
        Path renamed = dir.resolve("renamed.csv");
        Files.writeString(renamed, Files.readString(IRIS).replace("setosa", "Iris-setosa"));
        assertRefused(() -> iris.evaluate(LabelledData.fromCsv(renamed, "species")),
                "renamed.csv, line 2, column 'species': unknown class 'Iris-setosa'");
    }
}
