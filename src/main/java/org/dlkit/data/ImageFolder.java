package org.dlkit.data;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.datavec.image.loader.NativeImageLoader;
import org.dlkit.error.DlkitException;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Images as network inputs (card 25: a network needs a fixed input size, so resample, then flatten). Every image is
 * read by DataVec's {@link NativeImageLoader} as grayscale, resampled to {@code height × width} whatever its own size,
 * scaled to [0, 1] (by 255, or 65,535 for a 16-bit PNG) and flattened row by row into a vector of
 * {@code height · width} features named {@code px_<row>_<col>}.
 *
 * <p>A labelled folder has one sub-folder per class holding that class's images ({@code digits/3/img7.png}).
 */
public final class ImageFolder {

    /** The image formats read (by extension, case-insensitive). */
    public static final Set<String> EXTENSIONS = ImageFiles.EXTENSIONS;

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
            if (featureNames.isEmpty()) {
                return null;
            }
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

    /**
     * Reads a labelled image folder whose sub-folders must be among {@code knownClasses} (a model's classes). A class's
     * images are those in its folder and in that folder's sub-folders at any depth; hidden files and folders (names
     * starting with a dot) and files that are not images by their extension are left out.
     */
    public static LabelledData load(Path dir, Size size, List<String> knownClasses) {
        List<Path> classDirs = ImageFiles.visible(dir).stream().filter(Files::isDirectory).toList();
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
            List<Path> images = ImageFiles.imagesUnder(classDir);
            if (images.isEmpty()) {
                throw new DlkitException(classDir + ": no images (" + ImageFiles.formats() + "); remove the folder "
                        + "or add the class's images");
            }
            for (Path image : images) {
                features.add(pixels(loader, image));
                labels.add(label);
            }
        }
        return LabelledData.numeric(dir, size.featureNames(), "class", classes, features.toArray(new double[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Whether {@code file} is an image this loader reads: a visible regular file with an image extension. */
    public static boolean isImage(Path file) {
        return ImageFiles.isImage(file);
    }

    /**
     * The images in {@code dir} and its sub-folders at any depth, in path order, hidden files and folders left out, or
     * {@code dir} itself when it is an image file: for predicting. A {@link DlkitException} when there is none.
     */
    public static List<Path> imagesUnder(Path dir) {
        if (ImageFiles.isImage(dir)) {
            return List.of(dir);
        }
        List<Path> images = ImageFiles.imagesUnder(dir);
        if (images.isEmpty()) {
            throw new DlkitException(dir + ": no images (" + ImageFiles.formats() + ") in it or its sub-folders");
        }
        return images;
    }

    /** The flattened, resampled pixels of each of {@code images}. */
    public static double[][] pixels(List<Path> images, Size size) {
        NativeImageLoader loader = new NativeImageLoader(size.height(), size.width(), 1);
        return images.stream().map(p -> pixels(loader, p)).toArray(double[][]::new);
    }

    private static double[] pixels(NativeImageLoader loader, Path image) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(image);
        } catch (IOException e) {
            throw new DlkitException(image + ": cannot read (" + e.getMessage() + ")", e);
        }
        String problem = ImageFiles.problem(image, bytes);
        if (problem != null) {
            throw new DlkitException(image + ": not a readable image: " + problem);
        }
        INDArray matrix;
        try {
            matrix = ImageFiles.decodedInJava(image) ? javaDecoded(loader, bytes)
                    : loader.asMatrix(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new DlkitException(image + ": not a readable image (" + e.getMessage() + ")", e);
        }
        if (matrix == null) {
            throw new DlkitException(image + ": not a readable image");
        }
        double[] pixels = matrix.reshape(matrix.length()).toDoubleVector();
        double max = ImageFiles.maxValue(image, bytes);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] /= max;
        }
        return pixels;
    }

    /**
     * GIF and TIFF, which DataVec's loader cannot decode (its Leptonica fallback is handed a wrong length for GIF;
     * OpenCV 4.5.5 refuses common TIFF layouts): decoded by the JDK's ImageIO into an OpenCV matrix (gray stays one
     * channel; anything else becomes BGR, alpha left out as OpenCV leaves it out), then resampled and made gray by the
     * loader exactly as a PNG of the same pixels.
     */
    private static INDArray javaDecoded(NativeImageLoader loader, byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            throw new IOException("the JDK found no decoder for its bytes");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean gray = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        byte[] data = new byte[w * h * (gray ? 1 : 3)];
        if (gray) {
            image.getRaster().getDataElements(0, 0, w, h, data);
        } else {
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < argb.length; i++) {
                data[3 * i] = (byte) argb[i];
                data[3 * i + 1] = (byte) (argb[i] >> 8);
                data[3 * i + 2] = (byte) (argb[i] >> 16);
            }
        }
        try (Mat mat = new Mat(h, w, gray ? opencv_core.CV_8UC1 : opencv_core.CV_8UC3)) {
            mat.data().put(data);
            return loader.asMatrix(mat);
        }
    }
}
