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
import java.util.Map;

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

    @Test
    void hiddenEntriesAndOtherFilesAreLeftOutAndSubFoldersRead() throws IOException {
        writeImage(dir.resolve("a/1.png"), 28, 28, 0);
        writeImage(dir.resolve("a/deep/er/2.png"), 10, 12, 0);
        writeImage(dir.resolve("b/3.jpg"), 28, 28, 255);
        writeImage(dir.resolve("b/sub/4.PNG"), 28, 28, 255);
        writeImage(dir.resolve(".thumbnails/5.png"), 8, 8, 0);     // a hidden folder is no class
        writeImage(dir.resolve("a/.cache/6.png"), 8, 8, 0);        // nor are images in a hidden sub-folder read
        Files.write(dir.resolve("a/.DS_Store"), new byte[] {0, 1, 2, 3});
        Files.write(dir.resolve("b/._3.jpg"), new byte[] {0, 5, 22, 7});  // macOS metadata beside a copied file
        Files.writeString(dir.resolve("README.txt"), "digits");
        Files.writeString(dir.resolve("b/notes.txt"), "not an image");
        LabelledData data = ImageFolder.load(dir, new ImageFolder.Size(8, 8));
        assertEquals(List.of("a", "b"), data.classNames());
        assertEquals(4, data.numExamples());
        assertEquals(2, java.util.Arrays.stream(data.labels()).filter(l -> l == 0).count());
        assertEquals(List.of(dir.resolve("a/1.png"), dir.resolve("a/deep/er/2.png")),
                ImageFolder.imagesUnder(dir.resolve("a")));
        assertEquals(List.of(dir.resolve("b/3.jpg")), ImageFolder.imagesUnder(dir.resolve("b/3.jpg")), "one image");
        assertEquals(dir.resolve("b/notes.txt") + ": not a folder", assertThrows(DlkitException.class,
                () -> ImageFolder.imagesUnder(dir.resolve("b/notes.txt"))).getMessage());
        Files.createSymbolicLink(dir.resolve("a/deep/up"), dir.resolve("a"));   // a link back up the tree
        assertEquals(List.of(dir.resolve("a/1.png"), dir.resolve("a/deep/er/2.png")),
                ImageFolder.imagesUnder(dir.resolve("a")), "each real folder is read once");
        Files.createDirectories(dir.resolve("none/.hidden"));
        writeImage(dir.resolve("none/.hidden/7.png"), 8, 8, 0);
        DlkitException none = assertThrows(DlkitException.class, () -> ImageFolder.imagesUnder(dir.resolve("none")));
        assertTrue(none.getMessage().startsWith(dir.resolve("none") + ": no images (bmp, gif, jpeg, jpg,"),
                none.getMessage());
    }

    @Test
    void grayRgbAndRgbaFilesOfEveryFormatGiveTheSameGray() throws IOException {
        int[] types = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB};
        String[] formats = {"png", "jpg", "bmp", "gif", "tiff"};
        for (int t = 0; t < types.length; t++) {
            for (String format : formats) {
                if (types[t] == BufferedImage.TYPE_INT_ARGB && !format.equals("png")) {
                    continue;   // ImageIO writes alpha only to PNG
                }
                BufferedImage image = new BufferedImage(20 + t, 30, types[t]);
                for (int y = 0; y < image.getHeight(); y++) {
                    for (int x = 0; x < image.getWidth(); x++) {
                        if (types[t] == BufferedImage.TYPE_BYTE_GRAY) {
                            image.getRaster().setSample(x, y, 0, 200);
                        } else {
                            image.setRGB(x, y, 0xffc8c8c8);
                        }
                    }
                }
                Path file = dir.resolve("gray/" + t + "." + format);
                Files.createDirectories(file.getParent());
                assertTrue(ImageIO.write(image, format, file.toFile()), format);
            }
        }
        BufferedImage deep = new BufferedImage(7, 9, BufferedImage.TYPE_USHORT_GRAY);   // 16 bits: 200 · 257
        for (int y = 0; y < deep.getHeight(); y++) {
            for (int x = 0; x < deep.getWidth(); x++) {
                deep.getRaster().setSample(x, y, 0, 200 * 257);
            }
        }
        assertTrue(ImageIO.write(deep, "png", dir.resolve("gray/16-bit.png").toFile()));
        List<Path> files = ImageFolder.imagesUnder(dir.resolve("gray"));
        assertEquals(12, files.size());
        double[][] pixels = ImageFolder.pixels(files, new ImageFolder.Size(6, 5));
        for (int i = 0; i < files.size(); i++) {
            assertEquals(30, pixels[i].length, files.get(i).toString());
            for (double p : pixels[i]) {
                assertEquals(200 / 255.0, p, 2 / 255.0, files.get(i).toString());
            }
        }
    }

    @Test
    void brokenImageFilesAreNamedWithTheReason() throws IOException {
        writeImage(dir.resolve("whole/a.png"), 28, 28, 0);
        writeImage(dir.resolve("whole/b.jpg"), 28, 28, 0);
        byte[] png = Files.readAllBytes(dir.resolve("whole/a.png"));
        byte[] jpg = Files.readAllBytes(dir.resolve("whole/b.jpg"));
        byte[] random = new byte[500];
        new java.util.Random(7).nextBytes(random);
        Map<String, byte[]> broken = new java.util.LinkedHashMap<>();
        broken.put("random.png", random);
        broken.put("empty.png", new byte[0]);
        broken.put("cut.png", java.util.Arrays.copyOf(png, png.length / 2));
        broken.put("cut.jpg", java.util.Arrays.copyOf(jpg, jpg.length / 2));
        broken.put("text.jpeg", "hello".getBytes());
        broken.put("random.gif", random);
        Map<String, String> reasons = Map.of("random.png", "not a PNG image", "empty.png", "the file is empty",
                "cut.png", "the PNG image is cut short", "cut.jpg", "the JPEG image is cut short",
                "text.jpeg", "not a JPEG image", "random.gif", "not a GIF image");
        for (Map.Entry<String, byte[]> file : broken.entrySet()) {
            Path folder = dir.resolve("set-" + file.getKey());
            writeImage(folder.resolve("x/ok.png"), 28, 28, 0);
            writeImage(folder.resolve("y/ok.png"), 28, 28, 255);
            Files.write(folder.resolve("y/" + file.getKey()), file.getValue());
            DlkitException e = assertThrows(DlkitException.class,
                    () -> ImageFolder.load(folder, new ImageFolder.Size(8, 8)));
            assertEquals(folder.resolve("y/" + file.getKey()) + ": not a readable image: "
                    + reasons.get(file.getKey()), e.getMessage().replaceAll(" \\(.*", ""));
        }
        Files.createDirectories(dir.resolve("withEmpty/empty"));
        writeImage(dir.resolve("withEmpty/full/a.png"), 8, 8, 0);
        DlkitException empty = assertThrows(DlkitException.class,
                () -> ImageFolder.load(dir.resolve("withEmpty"), new ImageFolder.Size(8, 8)));
        assertTrue(empty.getMessage().startsWith(dir.resolve("withEmpty/empty") + ": no images"), empty.getMessage());
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
