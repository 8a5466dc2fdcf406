package org.dlkit.data;

import org.datavec.image.loader.NativeImageLoader;
import org.dlkit.error.DlkitException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Images as network inputs (card 25: a network needs a fixed input size, so resample, then flatten). Every image is
 * read by DataVec's {@link NativeImageLoader} as grayscale, resampled to {@code height × width} whatever its own size,
 * scaled to [0, 1] and flattened row by row into a vector of {@code height · width} features named {@code px_<row>_<col>}.
 *
 * <p>A labelled folder has one sub-folder per class holding that class's images ({@code digits/3/img7.png}).
 */
public final class ImageFolder {

    /** The image formats read (by extension, case-insensitive). */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "pgm", "ppm", "pbm", "tif", "tiff");

    private static final Pattern PIXEL = Pattern.compile("px_(\\d+)_(\\d+)");

    /** An image size, parsed from "28x28" (height × width). */
    public record Size(int height, int width) {
        public static Size parse(String text) {
            Matcher m = Pattern.compile("(\\d{1,4})[xX](\\d{1,4})").matcher(text.trim());
            if (!m.matches() || Integer.parseInt(m.group(1)) == 0 || Integer.parseInt(m.group(2)) == 0) {
                throw new DlkitException("image size '" + text + "' is invalid; expected HEIGHTxWIDTH with sides of 1 "
                        + "to 9999 pixels, e.g. 28x28");
            }
            return new Size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        /** The size whose flattened pixels are {@code featureNames} ({@code px_0_0 ... px_h-1_w-1}), if they are pixels. */
        public static Size ofFeatures(List<String> featureNames) {
            Matcher last = PIXEL.matcher(featureNames.get(featureNames.size() - 1));
            if (!last.matches()) {
                return null;
            }
            Size size = new Size(Integer.parseInt(last.group(1)) + 1, Integer.parseInt(last.group(2)) + 1);
            return size.featureNames().equals(featureNames) ? size : null;
        }

        List<String> featureNames() {
            List<String> names = new ArrayList<>(height * width);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    names.add("px_" + r + "_" + c);
                }
            }
            return names;
        }

        @Override
        public String toString() {
            return height + "x" + width;
        }
    }

    private ImageFolder() {
    }

    /** Reads a labelled image folder; the classes are the sub-folder names, sorted as {@link LabelledData} sorts labels. */
    public static LabelledData load(Path dir, Size size) {
        return load(dir, size, null);
    }

    /** Reads a labelled image folder whose sub-folders must be among {@code knownClasses} (a model's classes). */
    public static LabelledData load(Path dir, Size size, List<String> knownClasses) {
        List<Path> classDirs = list(dir).stream().filter(Files::isDirectory).toList();
        if (classDirs.isEmpty()) {
            throw new DlkitException(dir + ": no class sub-folders; expected one folder of images per class, e.g. "
                    + dir.resolve("cat") + "/1.png");
        }
        List<String> names = classDirs.stream().map(p -> p.getFileName().toString()).toList();
        List<String> classes = knownClasses != null ? knownClasses : LabelledData.sortedClasses(names);
        List<double[]> features = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        NativeImageLoader loader = new NativeImageLoader(size.height(), size.width(), 1);
        for (Path classDir : classDirs) {
            String name = classDir.getFileName().toString();
            int label = classes.indexOf(name);
            if (label < 0) {
                throw new DlkitException(classDir + ": class '" + name + "' is unknown; the model knows " + classes);
            }
            List<Path> images = images(classDir);
            if (images.isEmpty()) {
                throw new DlkitException(classDir + ": no images (" + String.join(", ", EXTENSIONS) + ")");
            }
            for (Path image : images) {
                features.add(pixels(loader, image));
                labels.add(label);
            }
        }
        return LabelledData.numeric(dir, size.featureNames(), "class", classes, features.toArray(new double[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The images in {@code dir} and its sub-folders, in path order: for predicting. */
    public static List<Path> imagesUnder(Path dir) {
        list(dir);
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> images = walk.filter(ImageFolder::isImage).sorted().toList();
            if (images.isEmpty()) {
                throw new DlkitException(dir + ": no images in this folder or its sub-folders (expected "
                        + String.join(", ", new java.util.TreeSet<>(EXTENSIONS)) + " files)");
            }
            return images;
        } catch (IOException e) {
            throw new DlkitException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** The flattened, resampled pixels of each of {@code images}. */
    public static double[][] pixels(List<Path> images, Size size) {
        NativeImageLoader loader = new NativeImageLoader(size.height(), size.width(), 1);
        return images.stream().map(p -> pixels(loader, p)).toArray(double[][]::new);
    }

    private static double[] pixels(NativeImageLoader loader, Path image) {
        checkSignature(image);
        INDArray matrix;
        try {
            matrix = loader.asMatrix(image.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DlkitException(image + ": not a readable image (" + e.getMessage() + ")", e);
        }
        if (matrix == null) {
            throw new DlkitException(image + ": not a readable image");
        }
        double[] pixels = matrix.reshape(matrix.length()).toDoubleVector();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] /= 255.0;
        }
        return pixels;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DlkitException(dir + ": no such directory");
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted().toList();
        } catch (IOException e) {
            throw new DlkitException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    private static List<Path> images(Path dir) {
        return list(dir).stream().filter(ImageFolder::isImage).toList();
    }

    /** The first bytes of each image format that the loader reads (PNM: P1 to P6). */
    private static final List<byte[]> SIGNATURES = List.of(new byte[]{(byte) 0x89, 'P', 'N', 'G'},
            new byte[]{(byte) 0xFF, (byte) 0xD8}, "GIF8".getBytes(StandardCharsets.US_ASCII),
            "BM".getBytes(StandardCharsets.US_ASCII), new byte[]{'I', 'I', 42, 0},
            new byte[]{'M', 'M', 0, 42});

    /**
     * A file whose first bytes are no image format's is refused here, in one line: the native decoder would print
     * its own error lines (e.g. leptonica's "Error in pixReadMem") before failing.
     */
    private static void checkSignature(Path image) {
        byte[] head = new byte[4];
        int n;
        try (var in = Files.newInputStream(image)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new DlkitException(image + ": cannot be read (" + e.getMessage() + ")", e);
        }
        boolean pnm = n >= 2 && head[0] == 'P' && head[1] >= '1' && head[1] <= '6';
        boolean known = pnm || SIGNATURES.stream().anyMatch(sig -> n >= sig.length
                && java.util.Arrays.equals(head, 0, sig.length, sig, 0, sig.length));
        if (!known) {
            throw new DlkitException(image + ": not a readable image (" + (n == 0 ? "the file is empty"
                    : "its first bytes are no PNG, JPEG, GIF, BMP, TIFF or PNM header") + ")");
        }
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(p) && dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }
}
