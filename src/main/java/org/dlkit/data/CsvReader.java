package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads a CSV file (RFC 4180: cells separated by a delimiter, {@code ,} {@code ;} tab or {@code |}, given or
 * detected by {@link DelimiterSniffer}; fields optionally in double quotes, a doubled quote inside quotes is a quote,
 * line breaks inside quotes kept) straight from its bytes into a {@link RawTable}: numeric cells are parsed from the
 * bytes into float columns without a String per cell, text cells are dictionary-coded. The first non-blank line is the
 * header; blank lines and lines of empty cells are skipped; cells are trimmed; a UTF-8 byte-order mark is dropped; a
 * trailing delimiter (an unnamed, empty last column, or empty cells after the last) is ignored. Standard input, a
 * pipe, a gzip-compressed file and UTF-16 text are first copied to a plain temporary file by {@link CsvSource}.
 *
 * <p>A large file is read by one thread per core (at most {@link #MAX_THREADS}): the bytes after the header are cut
 * into equal ranges, each moved on to just after a line feed, and each range is read into its own slice of the
 * columns ({@link CsvPart}, {@link TableBuilder#builders}); the slices are then moved together, so the rows and their
 * order are those of one reader. A cut that falls inside a quoted field (a line break within quotes) is noticed,
 * because the range before it then ends inside quotes, and the file is read again by one thread. The first error in
 * the file wins: a range after the first is trusted only once every range before it ended between records, and its
 * error is made again with the true line number. Columns are sized from the bytes per row of the first rows (and 5%
 * more), so they are neither grown nor trimmed by copying, and the table peaks at about its final size.
 */
final class CsvReader {

    /** A file is cut into ranges of at least this many bytes; a smaller one is read by one thread. */
    static final long MIN_PART_BYTES = 4L << 20;
    /** At most this many ranges. */
    static final int MAX_THREADS = 4;
    /** Bytes after the header read to estimate the bytes per row. */
    private static final int SAMPLE = 1 << 18;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final MissingValues missing;
    private CsvFormat format;
    /** The column whose cells are kept as written ({@link TableBuilder#keepingText}), null for none; its index. */
    private final String idColumn;
    private int idIndex = -1;
    /** The columns whose integer cells are kept as written ({@link TableBuilder#keepingCodes}). */
    private final Collection<String> codes;
    private double bytesPerRow;

    private CsvReader(Path file, FileChannel channel, long size, MissingValues missing, CsvFormat format,
                      String idColumn, Collection<String> codes) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.missing = missing;
        this.format = format;
        this.idColumn = idColumn;
        this.codes = codes;
    }

    /**
     * Reads {@code file} as {@code format} says; throws {@link DlkitException} for a missing, empty, header-only,
     * ragged or malformed file.
     */
    static RawTable read(Path file, MissingValues missing, CsvFormat format) {
        return read(file, missing, format, null);
    }

    /**
     * {@link #read(Path, MissingValues, CsvFormat)}, keeping the cells of column {@code idColumn} (null: none) as
     * written; a name that is no column is refused once the header is read.
     */
    static RawTable read(Path file, MissingValues missing, CsvFormat format, String idColumn) {
        return read(file, missing, format, idColumn, Runtime.getRuntime().availableProcessors(), MIN_PART_BYTES);
    }

    /**
     * {@link #read(Path, MissingValues, CsvFormat, String)}, the integer cells of the columns named {@code codes}
     * kept as written ({@link TableBuilder#keepingCodes}).
     */
    static RawTable read(Path file, MissingValues missing, CsvFormat format, String idColumn,
                         Collection<String> codes) {
        return read(file, missing, format, idColumn, codes, Runtime.getRuntime().availableProcessors(),
                MIN_PART_BYTES, System.in);
    }

    /** {@link #read(Path, MissingValues, CsvFormat)} with the delimiter detected and decimal points. */
    static RawTable read(Path file, MissingValues missing, int threads, long minPartBytes) {
        return read(file, missing, CsvFormat.DEFAULT, threads, minPartBytes);
    }

    /**
     * {@link #read(Path, MissingValues, CsvFormat)} with at most {@code threads} ranges of at least
     * {@code minPartBytes}.
     */
    static RawTable read(Path file, MissingValues missing, CsvFormat format, int threads, long minPartBytes) {
        return read(file, missing, format, null, threads, minPartBytes);
    }

    /** {@link #read(Path, MissingValues, CsvFormat, String)} with at most {@code threads} ranges. */
    static RawTable read(Path file, MissingValues missing, CsvFormat format, String idColumn, int threads,
                         long minPartBytes) {
        return read(file, missing, format, idColumn, List.of(), threads, minPartBytes, System.in);
    }

    /** {@link #read(Path, MissingValues, CsvFormat, String)}, {@code -} naming {@code stdin}. */
    static RawTable read(Path file, MissingValues missing, CsvFormat format, String idColumn, InputStream stdin) {
        return read(file, missing, format, idColumn, List.of(), Runtime.getRuntime().availableProcessors(),
                MIN_PART_BYTES, stdin);
    }

    private static RawTable read(Path given, MissingValues missing, CsvFormat format, String idColumn,
                                 Collection<String> codes, int threads, long minPartBytes, InputStream stdin) {
        RawTable result;
        Path file;
        try (CsvSource source = CsvSource.open(given, stdin);
             FileChannel channel = FileChannel.open(source.bytes(), StandardOpenOption.READ)) {
            file = source.name();
            CsvReader reader = new CsvReader(file, channel, channel.size(), missing, format, idColumn, codes);
            result = reader.read(threads, minPartBytes).withoutUnnamedLast().readAs(reader.format);
        } catch (IOException e) {
            throw new DlkitException(CsvSource.name(given) + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (result.numRows() == 0) {
            throw new DlkitException(file + ": only a header row; expected data rows below it");
        }
        return result;
    }

    private RawTable read(int threads, long minPartBytes) throws IOException {
        byte[] sample = sample();
        String notCsv = notCsv(sample);
        if (notCsv != null) {
            throw new DlkitException(file + ": " + notCsv);
        }
        int from = CsvPart.byteOrderMark(sample, sample.length);
        boolean whole = sample.length == size;
        char named = CsvPart.sepDelimiter(sample, from, sample.length);
        char delimiter = format.delimiter() != CsvFormat.DETECT ? format.delimiter() : named != 0 ? named
                : DelimiterSniffer.detect(sample, from, sample.length, whole);
        format = format.resolve(file.toString(), delimiter, DelimiterSniffer.isUtf8(sample, whole)
                ? java.nio.charset.StandardCharsets.UTF_8 : CsvFormat.WINDOWS_1252);
        CsvPart.Header header = CsvPart.header(file, channel, format, size);
        if (header == null) {
            throw new DlkitException(file + ": the file is empty; expected a header row and data rows");
        }
        if (idColumn != null) {
            idIndex = HeaderNames.index(file, header.names(), idColumn, "ID column");
        }
        bytesPerRow = bytesPerRow(header.end());
        long body = size - header.end();
        int parts = (int) Math.max(1, Math.min(Math.min(threads, MAX_THREADS), body / Math.max(1, minPartBytes)));
        long[] cuts = cuts(header.end(), parts);
        RawTable table = cuts.length == 2 ? null : inRanges(header, cuts);
        return table != null ? table : oneThread(header.names());
    }

    /**
     * Reads the ranges between {@code cuts} side by side; null when a cut fell inside a quoted field (the ranges'
     * columns are then garbage once this returns, before the file is read again).
     */
    private RawTable inRanges(CsvPart.Header header, long[] cuts) throws IOException {
        CsvPart[] part = new CsvPart[cuts.length - 1];
        Throwable[] failure = new Throwable[part.length];
        int[] capacities = new int[part.length];
        for (int k = 0; k < part.length; k++) {
            capacities[k] = rows(cuts[k + 1] - Math.max(cuts[k], header.end()));
        }
        List<TableBuilder> builders = TableBuilder.builders(file, header.names(), missing, format, capacities);
        builders.forEach(this::keepingText);
        TableBuilder firstTable = builders.get(0);
        char d = format.delimiter();
        part[0] = CsvPart.first(file, channel, d, cuts[1], false, () -> firstTable);
        for (int k = 1; k < part.length; k++) {
            part[k] = CsvPart.later(file, channel, d, cuts[k], cuts[k + 1], k == part.length - 1, builders.get(k), 1);
        }
        builders.clear(); // held by the parts only, so that a read again by one thread can free them
        List<Thread> workers = new ArrayList<>();
        for (int k = 1; k < part.length; k++) {
            int index = k;
            Thread t = new Thread(() -> failure[index] = parse(part[index]), "dlkit-csv-" + k);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        failure[0] = parse(part[0]);
        for (Thread t : workers) {
            join(t);
        }
        List<TableBuilder> tables = new ArrayList<>();
        long[] offsets = new long[part.length];
        long nextLine = 1;
        for (int k = 0; k < part.length; k++) {
            if (failure[k] != null) {
                if (k > 0) { // its line numbers counted from 1: read it again from its true first line
                    java.util.Arrays.fill(part, null);
                    tables.clear();
                    CsvPart.later(file, channel, d, cuts[k], cuts[k + 1], k == part.length - 1,
                            keepingText(TableBuilder.of(file, header.names(), missing, format, 1024)),
                            nextLine)
                            .parse();
                }
                throw rethrow(failure[k]);
            }
            if (k < part.length - 1 && !part[k].endsAtRecordStart()) {
                return null; // a cut fell inside a quoted field
            }
            offsets[k] = nextLine - part[k].firstLine();
            nextLine += part[k].newlines();
            tables.add(part[k].table());
        }
        return TableBuilder.concat(tables, offsets);
    }

    private RawTable oneThread(List<String> names) throws IOException {
        CsvPart whole = CsvPart.first(file, channel, format.delimiter(), size, true,
                () -> keepingText(TableBuilder.of(file, names, missing, format, rows(size)))).parse();
        return TableBuilder.concat(List.of(whole.table()), new long[1]);
    }

    /** {@code b} keeping the ID column's cells and the codes' digits as written. */
    private TableBuilder keepingText(TableBuilder b) {
        return b.keepingText(idIndex).keepingCodes(codes);
    }

    private static Throwable parse(CsvPart part) {
        try {
            part.parse();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DlkitException("interrupted while reading a CSV", e);
        }
    }

    private static RuntimeException rethrow(Throwable e) throws IOException {
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return (RuntimeException) e;
    }

    /**
     * Why a file that starts with {@code b} is no text CSV (an old .xls workbook), naming what to do instead; null for
     * a file that may be one (gzip, zip and UTF-16 text were turned into plain text by {@link CsvSource}).
     */
    static String notCsv(byte[] b) {
        int b0 = b.length > 0 ? b[0] & 0xFF : -1, b1 = b.length > 1 ? b[1] & 0xFF : -1;
        if (b0 == 0xD0 && b1 == 0xCF) {
            return "an old Excel .xls workbook, not a CSV; save the sheet as 'CSV UTF-8' and pass that";
        }
        return null;
    }

    /** The first {@link #SAMPLE} bytes, in which the delimiter and the encoding are detected. */
    private byte[] sample() throws IOException {
        ByteBuffer bb = ByteBuffer.allocate((int) Math.min(SAMPLE, size));
        while (bb.hasRemaining() && channel.read(bb, bb.position()) >= 0) {
            // read on
        }
        return java.util.Arrays.copyOf(bb.array(), bb.position());
    }

    /** The rows estimated in {@code bytes} bytes, and 5% more, so that the columns rarely grow. */
    private int rows(long bytes) {
        return (int) Math.min((long) (bytes / bytesPerRow * 1.05) + 16, Integer.MAX_VALUE - 16);
    }

    /** Bytes per line in the first {@link #SAMPLE} bytes after the header. */
    private double bytesPerRow(long from) throws IOException {
        int n = (int) Math.min(SAMPLE, size - from);
        if (n <= 0) {
            return 1;
        }
        ByteBuffer bb = ByteBuffer.allocate(n);
        while (bb.hasRemaining() && channel.read(bb, from + bb.position()) >= 0) {
            // read on
        }
        byte[] b = bb.array();
        int lines = 0;
        for (int i = 0; i < bb.position(); i++) {
            lines += b[i] == '\n' ? 1 : 0;
        }
        return Math.max(1.0, (double) bb.position() / Math.max(1, lines));
    }

    /**
     * {@code from}, the byte after the first line feed at or after each of {@code parts - 1} equally spaced points,
     * and the file's size: the ranges' bounds (fewer when lines are longer than a range).
     */
    private long[] cuts(long from, int parts) throws IOException {
        List<Long> cuts = new ArrayList<>(List.of(0L));
        byte[] block = new byte[1 << 16];
        for (int k = 1; k < parts; k++) {
            long p = Math.max(from + (size - from) * k / parts, cuts.get(cuts.size() - 1));
            long cut = -1;
            while (cut < 0 && p < size) {
                int n = channel.read(ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - p)), p);
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n && cut < 0; i++) {
                    if (block[i] == '\n') {
                        cut = p + i + 1;
                    }
                }
                p += n;
            }
            if (cut > 0 && cut < size && cut > cuts.get(cuts.size() - 1)) {
                cuts.add(cut);
            }
        }
        cuts.add(size);
        return cuts.stream().mapToLong(Long::longValue).toArray();
    }
}
