package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Where {@link CsvReader} finds the bytes of a CSV it was given by name. A plain file is read where it lies. Standard
 * input ({@code -}), a pipe ({@code <(zcat rows.csv.gz)}), a gzip-compressed file or a zip archive of one file (as
 * Kaggle ships them; recognised by their first bytes, not their names) and UTF-16 text with a byte-order mark (Excel's "Unicode Text") are first copied
 * to a temporary plain file, gunzipped and in UTF-8, because the reader reads a file in parts, in parallel; the copy is
 * deleted when the source is closed, and by a shutdown hook if the run is stopped (Ctrl-C) before that. Messages name
 * the file as given ({@code standard input} for {@code -}); line numbers are those of the decompressed text.
 */
final class CsvSource implements AutoCloseable {

    /** How the temporary copies' names start (in {@code java.io.tmpdir}). */
    static final String PREFIX = "dlkit-rows-";

    /** How many first bytes tell a compressed file, an archive or UTF-16 text. */
    private static final int HEAD = 4;

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

    /** {@code file} as messages name it: {@code standard input} for {@code -}. */
    static Path name(Path file) {
        return CsvFormat.isStandardInput(file) ? Path.of("standard input") : file;
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
        boolean standardInput = CsvFormat.isStandardInput(file);
        Path name = name(file);
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
            throw new DlkitException(name + ": cannot make a temporary copy to read in "
                    + System.getProperty("java.io.tmpdir") + " (" + (e instanceof NoSuchFileException
                    ? "no such folder" : e.getMessage()) + "; DLKIT_JAVA_OPTS=-Djava.io.tmpdir=DIR names another)", e);
        }
        Thread cleanup = new Thread(() -> deleteQuietly(copy), "dlkit-delete-copy");
        Runtime.getRuntime().addShutdownHook(cleanup);
        CsvSource source = new CsvSource(name, copy, cleanup);
        try (OutputStream out = new CopyOutput(copy);
             InputStream in = standardInput ? nonClosing(stdin)
                : new FileInputStream(file.toFile())) { // a pipe cannot seek, as a channel would
            copy(name, in, out);
        } catch (CopyFailure e) {
            source.close();
            throw new DlkitException(name + ": cannot copy it to a temporary file in " + copy.getParent() + " to read "
                    + "it (" + e.getMessage() + "; DLKIT_JAVA_OPTS=-Djava.io.tmpdir=DIR names another)", e);
        } catch (IOException e) {
            source.close();
            throw new DlkitException(name + ": cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return source;
    }

    /** Whether a plain file starts like gzip, a zip archive or UTF-16 text, which are copied before reading. */
    private static boolean needsCopy(Path file) {
        byte[] head = new byte[HEAD];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(head, 0, HEAD);
            return isGzip(head) || isZip(head) || isUtf16(head);
        } catch (IOException e) {
            throw new DlkitException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Copies {@code raw} to {@code out}, gunzipped (as often as it was gzipped), the one file of a zip archive taken
     * out, and UTF-16 turned into UTF-8.
     */
    private static void copy(Path name, InputStream raw, OutputStream out) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        ZipInputStream zip = null;
        String entry = null;
        try {
            byte[] head = peek(in);
            for (; isGzip(head) || isZip(head) && zip == null; head = peek(in)) {
                if (isZip(head)) {
                    zip = new ZipInputStream(in);
                    entry = firstFile(name, zip);
                    in = new BufferedInputStream(zip, 1 << 16);
                } else {
                    in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
                }
            }
            if (isUtf16(head)) {
                Writer utf8 = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                new InputStreamReader(in, StandardCharsets.UTF_16).transferTo(utf8); // the byte-order mark says which
                utf8.flush();
            } else {
                in.transferTo(out);
            }
            if (zip != null) {
                onlyFile(name, zip, entry);
            }
        } catch (ZipException | EOFException e) {
            throw zip == null ? new DlkitException(name + ": cannot decompress (gzip): " + (e instanceof
                    EOFException ? "the file ends early; is it complete?" : e.getMessage()), e)
                    : new DlkitException(name + ": cannot unzip (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The name of the first file in {@code zip}, whose bytes it then reads; a workbook (an Excel .xlsx is a zip
     * archive) or an archive without files is refused.
     */
    private static String firstFile(Path name, ZipInputStream zip) throws IOException {
        String lower = name.toString().toLowerCase(Locale.ROOT);
        boolean workbook = lower.endsWith(".xlsx") || lower.endsWith(".xlsm");
        ZipEntry e;
        try {
            e = nextFile(zip);
        } catch (ZipException | EOFException broken) {
            e = null;
        }
        if (e != null && (e.getName().equals("[Content_Types].xml") || e.getName().startsWith("xl/"))) {
            workbook = true;
        }
        if (workbook) {
            throw new DlkitException(name + ": a zip file (an Excel .xlsx workbook?), not a CSV; save the sheet as "
                    + "'CSV UTF-8' and pass that");
        }
        if (e == null) {
            throw new DlkitException(name + ": a zip archive without a file in it that can be read; expected a CSV");
        }
        return e.getName();
    }

    /** Refuses an archive with files after {@code first}: which one is the CSV to read? */
    private static void onlyFile(Path name, ZipInputStream zip, String first) throws IOException {
        List<String> files = new ArrayList<>(List.of(first));
        for (ZipEntry e = nextFile(zip); e != null; e = nextFile(zip)) {
            files.add(e.getName());
        }
        if (files.size() > 1) {
            throw new DlkitException(name + ": a zip archive of " + files.size() + " files (" + String.join(", ",
                    files.subList(0, Math.min(4, files.size()))) + (files.size() > 4 ? ", ..." : "")
                    + "); unzip it and pass the CSV to read");
        }
    }

    /** The next entry of {@code zip} that is a file (not a folder, not macOS's {@code __MACOSX/} metadata); or null. */
    private static ZipEntry nextFile(ZipInputStream zip) throws IOException {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            if (!e.isDirectory() && !e.getName().startsWith("__MACOSX/")) {
                return e;
            }
        }
        return null;
    }

    /** The next {@link #HEAD} bytes of {@code in}, which stay unread (zeros past its end). */
    private static byte[] peek(InputStream in) throws IOException {
        in.mark(HEAD);
        byte[] head = new byte[HEAD];
        in.readNBytes(head, 0, HEAD);
        in.reset();
        return head;
    }

    static boolean isGzip(byte[] b) {
        return (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B;
    }

    /** A zip archive's first entry, {@code PK\3\4} (not a CSV whose header starts with {@code PK}). */
    static boolean isZip(byte[] b) {
        return b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    static boolean isUtf16(byte[] b) {
        int b0 = b[0] & 0xFF, b1 = b[1] & 0xFF;
        return b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF;
    }

    /** A failure to write the temporary copy, told apart from one to read the input (the disk, not the data). */
    private static final class CopyFailure extends IOException {
        CopyFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The temporary copy's stream, whose failures are {@link CopyFailure}s. */
    private static final class CopyOutput extends OutputStream {
        private final OutputStream out;

        CopyOutput(Path copy) throws CopyFailure {
            try {
                out = Files.newOutputStream(copy);
            } catch (IOException e) {
                throw new CopyFailure(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new CopyFailure(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw new CopyFailure(e);
            }
        }
    }

    /** {@code in}, which closing leaves open (standard input belongs to the process). */
    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
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
