package org.dlkit.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.dlkit.cli.BadInputTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model directories that are not right (missing, a file, empty, damaged, an interrupted run's state, a model of the
 * other input kind) and output paths that are not right (a directory for a file, a file for a directory, a file in
 * the way of a folder, an existing file): one line each, exit code 2, nothing written or overwritten.
 */
class ModelFilesTest {

    private static final String IRIS = "datasets/iris.csv";
    private static final String IMAGES = "datasets/mnist-images";

    @TempDir
    static Path dir;
    static Path model;
    static Path imageModel;

    @BeforeAll
    static void trainSmallModels() {
        model = dir.resolve("iris-model");
        CliRun run = CliRun.of("train", "--data", IRIS, "--out", model.toString(), "--epochs", "2");
        assertEquals(0, run.exitCode(), run.err());
        imageModel = dir.resolve("image-model");
        run = CliRun.of("train", "--images", IMAGES, "--image-size", "4x4", "--out", imageModel.toString(),
                "--epochs", "1");
        assertEquals(0, run.exitCode(), run.err());
    }

    /** A copy of the iris model, to damage. */
    private static Path copy(String name) throws IOException {
        Path copy = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static void assertRefused(Path modelDir, String expected) {
        assertBadInput(CliRun.of("evaluate", "--model", modelDir.toString(), "--data", IRIS), expected);
        assertBadInput(CliRun.of("predict", "--model", modelDir.toString(), "--data", IRIS), expected);
    }

    @Test
    void modelPathThatIsNoModelDirectory() throws IOException {
        assertRefused(Path.of(IRIS), "datasets/iris.csv: is a file, not a model directory");
        assertRefused(Files.createDirectories(dir.resolve("empty")), "empty: is empty; not a dlkit model directory");
        assertRefused(Path.of("datasets"), "datasets: holds no model; not a dlkit model directory (expected model.zip,"
                + " metadata.json, transform.json, as train writes them)");
        assertBadInput(CliRun.of("gradcheck", "--model", dir.resolve("absent").toString()),
                "absent: no such model directory");
    }

    @Test
    void interruptedRunIsNamedWithHowToContinueIt() throws IOException {
        Path out = dir.resolve("unfinished");
        Path partial = Files.createDirectories(dir.resolve("unfinished.partial"));
        Files.writeString(partial.resolve("command.json"), "{\"arguments\": [], \"working_directory\": \".\"}");
        assertRefused(out, "unfinished: no model yet; its training was interrupted (unfinished.partial holds the run):"
                + " continue it with dlkit train --resume " + out);
        assertRefused(partial, "unfinished.partial: holds an interrupted training run, not a model; continue it with"
                + " dlkit train --resume " + partial + ", then use unfinished");
    }

    @Test
    void missingOrDamagedFiles() throws IOException {
        Path noTransform = copy("no-transform");
        Files.delete(noTransform.resolve("transform.json"));
        assertRefused(noTransform, "no-transform: transform.json is missing; not a complete dlkit model directory");

        Path zipDirectory = copy("zip-directory");
        Files.delete(zipDirectory.resolve("model.zip"));
        Files.createDirectory(zipDirectory.resolve("model.zip"));
        assertRefused(zipDirectory, "zip-directory: model.zip is not a file");

        Path truncated = copy("truncated");
        byte[] zip = Files.readAllBytes(model.resolve("model.zip"));
        Files.write(truncated.resolve("model.zip"), java.util.Arrays.copyOf(zip, zip.length / 2));
        assertRefused(truncated, "truncated/model.zip: not a readable DL4J model");

        Path emptyMetadata = copy("empty-metadata");
        Files.writeString(emptyMetadata.resolve("metadata.json"), "");
        assertRefused(emptyMetadata, "metadata.json: not valid model metadata (expected a JSON object, found an "
                + "empty file)");
        Path arrayMetadata = copy("array-metadata");
        Files.writeString(arrayMetadata.resolve("metadata.json"), "[1, 2]");
        assertRefused(arrayMetadata, "metadata.json: not valid model metadata (expected a JSON object, found array)");

        for (String content : new String[]{"", "{}", "{ not json", "[]"}) {
            Path badTransform = copy("bad-transform-" + content.length() + content.hashCode());
            Files.writeString(badTransform.resolve("transform.json"), content);
            assertRefused(badTransform, "transform.json: not a readable feature transform");
        }
    }

    @Test
    void modelOfTheOtherInputKindAndNoImages() throws IOException {
        assertBadInput(CliRun.of("predict", "--model", imageModel.toString(), "--data", IRIS),
                "--data: the model was trained on images (4x4 pixels), not CSV columns; use --images DIR");
        assertBadInput(CliRun.of("evaluate", "--model", imageModel.toString(), "--data", IRIS),
                "--data: the model was trained on images (4x4 pixels)");
        assertBadInput(CliRun.of("gradcheck", "--model", imageModel.toString(), "--data", IRIS),
                "the model was trained on images (4x4 pixels), not CSV columns; leave --data out");
        Path broken = Files.createDirectories(dir.resolve("broken").resolve("7"));
        Files.writeString(broken.resolve("x.png"), "not an image");
        Files.write(broken.resolve("y.png"), new byte[0]);
        assertBadInput(CliRun.of("predict", "--model", imageModel.toString(), "--images", broken.toString()),
                "x.png: not a readable image: not a PNG image (its first bytes are not the format's signature)");
        Files.delete(broken.resolve("x.png"));
        assertBadInput(CliRun.of("evaluate", "--model", imageModel.toString(), "--images",
                broken.getParent().toString()),
                "y.png: not a readable image: the file is empty");
        Path noImages = Files.createDirectories(dir.resolve("no-images").resolve("sub-folder"));
        assertBadInput(CliRun.of("predict", "--model", imageModel.toString(), "--images",
                noImages.getParent().toString()),
                "no-images: no images (bmp, gif, jpeg, jpg");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--images", IMAGES),
                "--images: the model was trained on CSV columns, not images; use --data CSV");
        assertBadInput(CliRun.of("evaluate", "--model", model.toString(), "--images", IMAGES),
                "--images: the model was trained on CSV columns");
    }

    @Test
    void predictTakesOneImageFileButNoCsvOptionsWithImages() throws IOException {
        Path image;
        try (Stream<Path> files = Files.walk(Path.of(IMAGES))) {
            image = files.filter(p -> p.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
        }
        CliRun one = CliRun.of("predict", "--model", imageModel.toString(), "--images", image.toString());
        assertEquals(0, one.exitCode(), one.err());
        String[] lines = one.out().strip().split("\n");
        assertEquals(2, lines.length, one.out());                       // the header and the one image's row
        assertTrue(lines[1].startsWith(image.toString() + ","), lines[1]);
        assertBadInput(CliRun.of("predict", "--model", imageModel.toString(), "--images", IRIS),
                "--images datasets/iris.csv: is a file; expected a folder of images or one image file (bmp, ");
        assertBadInput(CliRun.of("predict", "--model", imageModel.toString(), "--images", IMAGES, "--delimiter", ";"),
                "--delimiter applies to --data CSV, not to --images");
    }

    @Test
    void outputFileThatIsADirectoryOrBehindAFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        Path behindFile = model.resolve("model.zip").resolve("out.csv");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", IRIS, "--out", folder.toString()),
                "a-folder: is a directory; expected a file name");
        assertBadInput(CliRun.of("evaluate", "--model", model.toString(), "--data", IRIS, "--json",
                folder.toString(), "--force"), "a-folder: is a directory; expected a file name");
        assertBadInput(CliRun.of("predict", "--model", model.toString(), "--data", IRIS, "--out",
                behindFile.toString()), "out.csv: cannot be written: " + model.resolve("model.zip").toAbsolutePath()
                + " is a file, not a directory");
        assertBadInput(CliRun.of("train", "--data", IRIS, "--out", behindFile.getParent().resolve("m").toString()),
                "is a file, not a directory");
        assertBadInput(CliRun.of("train", "--data", IRIS, "--out", IRIS, "--force"),
                "datasets/iris.csv: exists and is a file, not a model directory");
        Path file = Files.writeString(dir.resolve("a-file"), "mine");
        assertBadInput(CliRun.of("plot", "activations", "--out", file.toString()),
                "a-file: is a file; expected a directory");
        assertBadInput(CliRun.of("gradient-descent", "--plot", file.toString()),
                "a-file: is a file; expected a directory");
        assertEquals("mine", Files.readString(file));
        try (Stream<Path> files = Files.list(folder)) {
            assertFalse(files.findAny().isPresent(), "nothing written");
        }
    }

    @Test
    void existingOutputFilesAreKeptWithoutForce() throws IOException {
        Path json = Files.writeString(dir.resolve("metrics.json"), "mine");
        assertBadInput(CliRun.of("evaluate", "--model", model.toString(), "--data", IRIS, "--json", json.toString()),
                "metrics.json: already exists; pass --force to overwrite it");
        assertEquals("mine", Files.readString(json));

        Path plots = Files.createDirectories(dir.resolve("plots"));
        Path sigmoid = Files.writeString(plots.resolve("sigmoid.png"), "mine");
        assertBadInput(CliRun.of("plot", "activations", "--out", plots.toString()), "already exist; use --force");
        assertEquals("mine", Files.readString(sigmoid));

        Path curve = Files.writeString(plots.resolve("gradient-descent-loss-per-epoch.png"), "mine");
        assertBadInput(CliRun.of("gradient-descent", "--plot", plots.toString()), "already exists; pass --force");
        assertEquals("mine", Files.readString(curve));

        // gradcheck --draw used to write over any file, model files included
        Path metadata = model.resolve("metadata.json");
        byte[] before = Files.readAllBytes(metadata);
        assertBadInput(CliRun.of("gradcheck", "--draw", metadata.toString()), "expected a file ending in .dot");
        Path drawing = Files.writeString(dir.resolve("graph.dot"), "mine");
        assertBadInput(CliRun.of("gradcheck", "--draw", drawing.toString()), "graph.dot: already exists");
        assertEquals("mine", Files.readString(drawing));
        assertArrayEquals(before, Files.readAllBytes(metadata));
        CliRun forced = CliRun.of("gradcheck", "--hidden", "3", "--rows", "2", "--draw", drawing.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(Files.readString(drawing).startsWith("digraph"), "replaced with --force");
    }

    @Test
    void forceReplacesOnlyModelDirectories() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("notes.txt"), "mine");
        assertBadInput(CliRun.of("train", "--data", IRIS, "--out", project.toString(), "--force", "--epochs", "1"),
                "project: holds files but no dlkit model (model.zip, metadata.json); --force replaces only model "
                        + "directories");
        assertEquals("mine", Files.readString(project.resolve("notes.txt")));
        assertBadInput(CliRun.of("train", "--data", IRIS, "--out", "/", "--force", "--epochs", "1"),
                "/: is the root of the file system");
        Path empty = Files.createDirectories(dir.resolve("empty-out"));
        CliRun run = CliRun.of("train", "--data", IRIS, "--out", empty.toString(), "--force", "--epochs", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(empty.resolve("model.zip")));
    }

    @Test
    void devicesAreWrittenInPlaceAndLinksFollowed() throws IOException {
        // renaming a file over /dev/null would replace the device; it is written like a shell redirection instead
        CliRun toNull = CliRun.of("predict", "--model", model.toString(), "--data", IRIS, "--out", "/dev/null");
        assertEquals(0, toNull.exitCode(), toNull.err());
        assertFalse(Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");
        Path real = Files.writeString(dir.resolve("real.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real);
        CliRun viaLink = CliRun.of("predict", "--model", model.toString(), "--data", IRIS, "--out", link.toString(),
                "--force");
        assertEquals(0, viaLink.exitCode(), viaLink.err());
        assertTrue(Files.isSymbolicLink(link), "the link stays");
        assertTrue(Files.readString(real).startsWith("line,predicted,p_setosa"), "the file it points to is replaced");
    }

    @Test
    void missingParentFoldersOfAnOutputAreCreated() {
        Path out = dir.resolve("new").resolve("folders").resolve("predictions.csv");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", IRIS, "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(out));
        assertEquals("", run.out(), "standard output stays clean (--out /dev/stdout gets the CSV alone)");
        assertTrue(run.err().contains("150 predictions written to " + out), run.err());
    }
}
