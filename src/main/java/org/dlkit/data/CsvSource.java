package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Where {@link CsvReader} finds the bytes of a CSV it was given by name. A plain file is read where it lies. Standard
 * input ({@code -}), a pipe ({@code <(zcat rows.csv.gz)}), a gzip-compressed file (as Kaggle ships them, recognised
 * by its first bytes, not its name) and UTF-16 text with a byte-order mark (Excel's "Unicode Text") are first copied
 * to a temporary plain file, gunzipped and in UTF-8, because the reader reads a file in parts, in parallel; the copy is
 * deleted when the source is closed, and by a shutdown hook if the run is stopped (Ctrl-C) before that. Messages name
 * the file as given ({@code standard input} for {@code -}); line numbers are those of the decompressed text.
 */
final class CsvSource implements AutoCloseable {

    /** How the temporary copies' names start (in {@code java.io.tmpdir}). */
    static final String PREFIX = "dlkit-rows-";

    private final Path name;
    private final Path bytes;
    private final Thread cleanup;

    private CsvSource(Path name, Path bytes, Thread cleanup) {
        this.name = name;
        this.bytes = bytes;
        this.cleanup = cleanup;
    }

    /** The file as the user named it, for messages. */
    Path name() {
        return name;
    }

    /** The plain file to read: the given one, or the temporary copy. */
    Path bytes() {
        return bytes;
    }

    /**
     * The source of {@code file}, {@code -} being {@code stdin}; throws {@link DlkitException} for a file that is
     * missing or unreadable, or input that cannot be copied or decompressed.
     */
    static CsvSource open(Path file, InputStream stdin) {
        boolean standardInput = file.toString().equals("-");
        Path name = standardInput ? Path.of("standard input") : file;
        if (!standardInput) {
            if (!Files.exists(file)) {
                throw new DlkitException(file + ": file not found");
            }
            if (Files.isDirectory(file) || !Files.isReadable(file)) {
                throw new DlkitException(file + ": not a readable file");
            }
            if (Files.isRegularFile(file) && !needsCopy(file)) {
                return new CsvSource(file, file, null);
            }
        }
        Path copy;
        try {
            copy = Files.createTempFile(PREFIX, ".csv");
        } catch (IOException e) {
            throw new DlkitException(name + ": cannot make a temporary copy to read (" + e.getMessage() + ")", e);
        }
        Thread cleanup = new Thread(() -> deleteQuietly(copy), "dlkit-delete-copy");
        Runtime.getRuntime().addShutdownHook(cleanup);
        CsvSource source = new CsvSource(name, copy, cleanup);
        try (InputStream in = standardInput ? nonClosing(stdin)
                : new java.io.FileInputStream(file.toFile()); // a pipe cannot seek, as a channel would
             OutputStream out = Files.newOutputStream(copy)) {
            copy(name, in, out);
        } catch (IOException e) {
            source.close();
            throw new DlkitException(name + ": cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return source;
    }

    /** Whether a plain file starts like gzip or UTF-16 text, which are copied before reading. */
    private static boolean needsCopy(Path file) {
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 2);
            return n == 2 && (isGzip(head) || isUtf16(head));
        } catch (IOException e) {
            throw new DlkitException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Copies {@code raw} to {@code out}, gunzipped (as often as it was gzipped) and UTF-16 turned into UTF-8. */
    private static void copy(Path name, InputStream raw, OutputStream out) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        for (byte[] head = peek(in); isGzip(head) || isUtf16(head); head = peek(in)) {
            if (isUtf16(head)) {
                Reader text = new InputStreamReader(in, StandardCharsets.UTF_16); // the byte-order mark says which
                Writer utf8 = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                text.transferTo(utf8);
                utf8.flush();
                return;
            }
            try {
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            } catch (ZipException | java.io.EOFException e) {
                throw gzipError(name, e);
            }
        }
        try {
            in.transferTo(out);
        } catch (ZipException | java.io.EOFException e) {
            throw gzipError(name, e);
        }
    }

    private static DlkitException gzipError(Path name, IOException e) {
        return new DlkitException(name + ": cannot decompress (gzip): " + (e instanceof java.io.EOFException
                ? "the file ends early; is it complete?" : e.getMessage()), e);
    }

    /** The next two bytes of {@code in}, which stay unread. */
    private static byte[] peek(InputStream in) throws IOException {
        in.mark(2);
        byte[] head = new byte[2];
        int n = in.readNBytes(head, 0, 2);
        in.reset();
        return n == 2 ? head : new byte[2];
    }

    static boolean isGzip(byte[] b) {
        return (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B;
    }

    static boolean isUtf16(byte[] b) {
        int b0 = b[0] & 0xFF, b1 = b[1] & 0xFF;
        return b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF;
    }

    /** {@code in}, which closing leaves open (standard input belongs to the process). */
    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // standard input stays open
            }
        };
    }

    private static void deleteQuietly(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            // a temporary file; nothing else to do
        }
    }

    /** Deletes the temporary copy, if any. */
    @Override
    public void close() {
        if (cleanup == null) {
            return;
        }
        deleteQuietly(bytes);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // shutting down already: the hook deletes the copy (again)
        }
    }
}
