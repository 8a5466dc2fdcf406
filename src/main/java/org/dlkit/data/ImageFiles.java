package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which files of an image folder are images, and whether an image file is whole before its pixels are decoded.
 *
 * <p>Hidden entries (names starting with a dot: {@code .DS_Store}, {@code ._cat.png} copies of macOS metadata,
 * {@code .ipynb_checkpoints/}, {@code .git/}) are never images nor classes. Other files are images by their extension
 * (case-insensitive); the rest ({@code README.txt}, {@code labels.csv}) is left alone.
 *
 * <p>DataVec decodes through OpenCV and Leptonica, whose native libraries print their own lines on the process's
 * standard error when a file is broken ({@code libpng error: ...}, {@code Error in pixReadMem: ...}). {@link #problem}
 * catches the usual broken files first, from their bytes: an empty file, bytes that do not start as the extension's
 * format does (random bytes, a renamed text file), and a PNG or JPEG cut short (a PNG's chunks must run to
 * {@code IEND}; a JPEG must hold its end marker).
 */
final class ImageFiles {

    /** The image formats read (by extension, case-insensitive). */
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "pgm", "ppm", "pbm", "tif",
            "tiff");

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ImageFiles() {
    }

    /** The visible entries of {@code dir}, sorted; a {@link DlkitException} when it is not a readable directory. */
    static List<Path> visible(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DlkitException(dir + (Files.exists(dir) ? ": not a folder" : ": no such directory"));
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> !hidden(p)).sorted().toList();
        } catch (IOException e) {
            throw new DlkitException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The images in {@code dir} and its visible sub-folders at any depth, in path order. Linked folders are followed,
     * each real folder once, so a link back up the tree ends rather than loops.
     */
    static List<Path> imagesUnder(Path dir) {
        List<Path> images = new ArrayList<>();
        collect(dir, new HashSet<>(), images);
        return images.stream().sorted().toList();
    }

    private static void collect(Path dir, Set<Path> seen, List<Path> images) {
        try {
            if (!seen.add(dir.toRealPath())) {
                return;
            }
        } catch (IOException e) {
            throw new DlkitException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
        for (Path entry : visible(dir)) {
            if (Files.isDirectory(entry)) {
                collect(entry, seen, images);
            } else if (isImage(entry)) {
                images.add(entry);
            }
        }
    }

    /** Whether {@code p} is a visible regular file with an image format's extension. */
    static boolean isImage(Path p) {
        String extension = extension(p);
        return !hidden(p) && Files.isRegularFile(p) && extension != null && EXTENSIONS.contains(extension);
    }

    /** Whether {@code image} is decoded by the JDK (GIF, TIFF) rather than by DataVec's native loader. */
    static boolean decodedInJava(Path image) {
        String extension = extension(image);
        return "gif".equals(extension) || "tif".equals(extension) || "tiff".equals(extension);
    }

    /** The one line naming the images' formats, for "no images" messages. */
    static String formats() {
        return String.join(", ", EXTENSIONS.stream().sorted().toList());
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1) : null;
    }

    /**
     * Why {@code bytes}, the content of {@code image}, cannot be a whole image of its extension's format; null when
     * it looks whole (the decoder may still refuse it).
     */
    static String problem(Path image, byte[] bytes) {
        if (bytes.length == 0) {
            return "the file is empty";
        }
        String extension = extension(image);
        return switch (extension == null ? "" : extension) {
            case "png" -> png(bytes);
            case "jpg", "jpeg" -> jpeg(bytes);
            case "gif" -> startsWith(bytes, "GIF87a") || startsWith(bytes, "GIF89a") ? null : notA("GIF");
            case "bmp" -> startsWith(bytes, "BM") ? null : notA("BMP");
            case "tif", "tiff" -> startsWith(bytes, "II*\0") || startsWith(bytes, "MM\0*") ? null : notA("TIFF");
            case "pbm", "pgm", "ppm" -> bytes.length > 1 && bytes[0] == 'P' && bytes[1] >= '1' && bytes[1] <= '6'
                    ? null : notA("PNM (" + extension.toUpperCase(Locale.ROOT) + ")");
            default -> null;
        };
    }

    /**
     * The largest value a pixel of {@code bytes} (a whole image, {@link #problem} found nothing) decodes to: 65,535
     * for a 16-bit PNG, which OpenCV decodes at its full depth, else 255 (GIF and TIFF are decoded to 8 bits).
     */
    static double maxValue(Path image, byte[] bytes) {
        // a PNG's first chunk is IHDR: width (4 bytes), height (4), then the bit depth per sample at byte 24
        boolean png16 = "png".equals(extension(image)) && bytes.length > 24 && bytes[24] == 16;
        return png16 ? 65535.0 : 255.0;
    }

    /** A PNG: the signature, then chunks (length, type, data, CRC) that run to the {@code IEND} chunk. */
    private static String png(byte[] bytes) {
        if (bytes.length < PNG.length || !ByteBuffer.wrap(bytes, 0, PNG.length).equals(ByteBuffer.wrap(PNG))) {
            return notA("PNG");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long at = PNG.length;
        while (at + 8 <= bytes.length) {
            long length = Integer.toUnsignedLong(buffer.getInt((int) at));
            String type = new String(bytes, (int) at + 4, 4, StandardCharsets.ISO_8859_1);
            at += 12 + length;
            if (type.equals("IEND")) {
                return at <= bytes.length ? null : cutShort("PNG");
            }
        }
        return cutShort("PNG");
    }

    /** A JPEG: the start-of-image marker FF D8 FF, and an end-of-image marker FF D9 after it. */
    private static String jpeg(byte[] bytes) {
        if (bytes.length < 3 || (bytes[0] & 0xff) != 0xff || (bytes[1] & 0xff) != 0xd8 || (bytes[2] & 0xff) != 0xff) {
            return notA("JPEG");
        }
        for (int i = bytes.length - 2; i > 2; i--) {
            if ((bytes[i] & 0xff) == 0xff && (bytes[i + 1] & 0xff) == 0xd9) {
                return null;
            }
        }
        return cutShort("JPEG");
    }

    private static boolean startsWith(byte[] bytes, String magic) {
        if (bytes.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (bytes[i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String notA(String format) {
        return "not a " + format + " image (its first bytes are not the format's signature)";
    }

    private static String cutShort(String format) {
        return "the " + format + " image is cut short (its end is missing)";
    }
}
