package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Card 25: images of different sizes are resampled to one size and flattened into equal-length vectors. */
class ImageFolderTest {

    @TempDir
    Path dir;

    @Test
    void mixedSizesBecomeEqualLengthVectors() throws IOException {
        writeImage(dir.resolve("bright/a.png"), 28, 28, 255);
        writeImage(dir.resolve("bright/b.png"), 40, 24, 255);
        writeImage(dir.resolve("dark/c.png"), 14, 14, 0);
        writeImage(dir.resolve("dark/d.jpg"), 56, 56, 0);
        LabelledData data = ImageFolder.load(dir, ImageFolder.Size.parse("28x28"));
        assertEquals(List.of("bright", "dark"), data.classNames());
        assertEquals(784, data.featureNames().size());
        assertEquals("px_27_27", data.featureNames().get(783));
        double[][] encoded = FeatureTransform.fit(data, w -> { }).dataSet(data, DataType.DOUBLE, w -> { }).data()
                .getFeatures().toDoubleMatrix();
        for (int i = 0; i < data.numExamples(); i++) {
            double[] x = encoded[i];
            assertEquals(784, x.length);
            double expected = data.labels()[i] == 0 ? 1.0 : 0.0;
            assertEquals(expected, x[400], 0.02, "pixels scaled to [0, 1]");
        }
        assertEquals(ImageFolder.Size.parse("28x28"), ImageFolder.Size.ofFeatures(data.featureNames()));
    }

    @Test
    void bundledMnistFolderHasMixedSizesAndLoadsAtOneSize() throws IOException {
        Path mnist = Path.of("datasets/mnist-images");
        long sizes;
        try (var files = Files.walk(mnist)) {
            sizes = files.filter(p -> p.toString().endsWith(".png")).limit(600).map(p -> {
                try {
                    BufferedImage image = ImageIO.read(p.toFile());
                    return image.getWidth() + "x" + image.getHeight();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).distinct().count();
        }
        assertTrue(sizes >= 3, "the bundled images come in several sizes: " + sizes);
        LabelledData data = ImageFolder.load(mnist, new ImageFolder.Size(20, 20));
        assertEquals(600, data.numExamples());
        assertEquals(400, data.featureNames().size());
        assertEquals(10, data.numClasses());
    }

    @Test
    void badFoldersAreNamed() throws IOException {
        assertThrows(DlkitException.class, () -> ImageFolder.load(dir.resolve("absent"), new ImageFolder.Size(8, 8)));
        Files.createDirectories(dir.resolve("flat"));
        writeImage(dir.resolve("flat/x.png"), 8, 8, 0);
        DlkitException noClasses = assertThrows(DlkitException.class,
                () -> ImageFolder.load(dir.resolve("flat"), new ImageFolder.Size(8, 8)));
        assertTrue(noClasses.getMessage().contains("no class sub-folders"));
        Files.createDirectories(dir.resolve("broken/a"));
        Files.writeString(dir.resolve("broken/a/x.png"), "not an image");
        DlkitException broken = assertThrows(DlkitException.class,
                () -> ImageFolder.load(dir.resolve("broken"), new ImageFolder.Size(8, 8)));
        assertTrue(broken.getMessage().contains("x.png: not a readable image"), broken.getMessage());
        assertThrows(DlkitException.class, () -> ImageFolder.Size.parse("28"));
        assertThrows(DlkitException.class, () -> ImageFolder.Size.parse("0x5"));
    }

    private static void writeImage(Path file, int width, int height, int gray) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, gray);
            }
        }
        String format = file.toString().endsWith(".jpg") ? "jpg" : "png";
        ImageIO.write(image, format, file.toFile());
    }
}
