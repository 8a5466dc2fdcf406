package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows that are not a plain file on disk: standard input ({@code --data -}), a pipe, a gzip-compressed CSV and
 * Excel's UTF-16 "Unicode Text" are copied to a temporary plain UTF-8 file, read, and the copy is deleted.
 */
class CsvSourceTest {

    private static final String CSV = "Größe;Stadt;label\n1,5;Zürich;ja\n2,5;Köln;nein\n3,5;Genève;ja\n";

    @TempDir
    Path dir;

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] utf16(String text) {
        return ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
    }

    /** Reads with decimal commas, as {@link #CSV} is written. */
    private static RawTable read(Path file, InputStream stdin) {
        return CsvReader.read(file, MissingValues.DEFAULT, CsvFormat.DEFAULT.withDecimal(CsvFormat.Decimal.COMMA), null,
                stdin);
    }

    private static RawTable readPlain(Path file, InputStream stdin) {
        return CsvReader.read(file, MissingValues.DEFAULT, CsvFormat.DEFAULT, null, stdin);
    }

    private static void assertRows(RawTable t) {
        assertEquals(List.of("Größe", "Stadt", "label"), t.names());
        assertEquals(3, t.numRows());
        assertEquals(2.5f, t.column("Größe").value(1));
        assertEquals("Genève", t.column("Stadt").text(2));
    }

    private long temporaryCopies() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith(CsvSource.PREFIX)).count();
        }
    }

    @Test
    void standardInputIsReadAndItsCopyDeleted() throws IOException {
        long before = temporaryCopies();
        assertRows(read(Path.of("-"), new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8))));
        assertEquals(before, temporaryCopies(), "the copy of standard input is deleted");
    }

    @Test
    void gzipAndUtf16AreReadFromFilesAndFromStandardInput() throws IOException {
        Path gz = Files.write(dir.resolve("rows.csv.gz"), gzip(CSV.getBytes(StandardCharsets.UTF_8)));
        assertRows(read(gz, InputStream.nullInputStream()));
        Path unicode = Files.write(dir.resolve("rows.txt"), utf16(CSV.replace(';', '\t')));
        assertRows(read(unicode, InputStream.nullInputStream()));
        Path both = Files.write(dir.resolve("rows.txt.gz"), gzip(utf16(CSV)));
        assertRows(read(both, InputStream.nullInputStream()));
        Path bigEndian = Files.write(dir.resolve("be.txt"), ("\uFEFF" + CSV).getBytes(StandardCharsets.UTF_16BE));
        assertRows(read(bigEndian, InputStream.nullInputStream()));
        assertRows(read(Path.of("-"), new ByteArrayInputStream(gzip(CSV.getBytes(StandardCharsets.UTF_8)))));
        Charset cp1252 = Charset.forName("windows-1252");
        RawTable excel = read(Path.of("-"), new ByteArrayInputStream(gzip(CSV.getBytes(cp1252))));
        assertEquals("Zürich", excel.column("Stadt").text(0), "a Windows-1252 file is still detected after gunzip");
    }

    @Test
    void errorsNameTheFileAsGivenAndItsLines() throws IOException {
        String ragged = "a,label\n1,x\n2,y,extra\n";
        Path gz = Files.write(dir.resolve("rows.csv.gz"), gzip(ragged.getBytes(StandardCharsets.UTF_8)));
        assertEquals(gz + ", line 3: 3 cells, expected 2 like the header (split at ',')",
                assertThrows(DlkitException.class, () -> readPlain(gz, InputStream.nullInputStream())).getMessage());
        assertEquals("standard input, line 3: 3 cells, expected 2 like the header (split at ',')",
                assertThrows(DlkitException.class, () -> readPlain(Path.of("-"),
                        new ByteArrayInputStream(ragged.getBytes(StandardCharsets.UTF_8)))).getMessage());
    }

    @Test
    void emptyOrBrokenInputIsOneLine() throws IOException {
        long before = temporaryCopies();
        assertEquals("standard input: the file is empty; expected a header row and data rows",
                assertThrows(DlkitException.class, () -> readPlain(Path.of("-"), InputStream.nullInputStream()))
                        .getMessage());
        byte[] cut = gzip(CSV.getBytes(StandardCharsets.UTF_8));
        Path truncated = Files.write(dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(cut, cut.length / 2));
        String message = assertThrows(DlkitException.class, () -> readPlain(truncated, InputStream.nullInputStream()))
                .getMessage();
        assertTrue(message.startsWith(truncated + ": cannot decompress (gzip): "), message);
        assertFalse(message.contains("\n"), message);
        assertEquals(before, temporaryCopies(), "no copy left behind by a failed read");
    }

    @Test
    void aFailingReadOfStandardInputNamesItAndBlamesNoTemporaryFolder() throws IOException {
        long before = temporaryCopies();
        InputStream failing = new InputStream() {
            private int left = 20;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) { // and on every later call: a stream that ends nowhere would fill the disk
                    throw new IOException("Is a directory");
                }
                return 'a';
            }
        };
        assertEquals("standard input: cannot read (Is a directory)",
                assertThrows(DlkitException.class, () -> readPlain(Path.of("-"), failing)).getMessage());
        assertEquals(before, temporaryCopies(), "no copy left behind by a failed read");
    }

    private static byte[] zip(String... namesAndTexts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                zip.putNextEntry(new java.util.zip.ZipEntry(namesAndTexts[i]));
                zip.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void aZipArchiveOfOneCsvIsReadAndOfSeveralNamesThem() throws IOException {
        long before = temporaryCopies();
        Path one = Files.write(dir.resolve("rows.zip"), zip("data/", "", "__MACOSX/._rows.csv", "x",
                "data/rows.csv", CSV));
        assertRows(read(one, InputStream.nullInputStream()));
        assertRows(read(Path.of("-"), new ByteArrayInputStream(Files.readAllBytes(one))));
        Path kaggle = Files.write(dir.resolve("titanic.zip"), zip("gender_submission.csv", "PassengerId,Survived\n",
                "test.csv", "a\n", "train.csv", CSV));
        assertEquals(kaggle + ": a zip archive of 3 files (gender_submission.csv, test.csv, train.csv); unzip it and "
                + "pass the CSV to read", assertThrows(DlkitException.class,
                () -> read(kaggle, InputStream.nullInputStream())).getMessage());
        Path xlsx = Files.write(dir.resolve("book.zip"), zip("[Content_Types].xml", "<Types/>", "xl/workbook.xml",
                "<workbook/>"));
        assertTrue(assertThrows(DlkitException.class, () -> read(xlsx, InputStream.nullInputStream())).getMessage()
                .endsWith("book.zip: a zip file (an Excel .xlsx workbook?), not a CSV; save the sheet as 'CSV UTF-8' "
                        + "and pass that"));
        assertEquals(before, temporaryCopies(), "no copy left behind");
    }

    @Test
    void aCsvWhoseHeaderStartsWithPkIsNoArchive() throws IOException {
        Path pk = Files.writeString(dir.resolve("keys.csv"), "PK\u0003,label\n1,x\n2,y\n");
        assertEquals(2, readPlain(pk, InputStream.nullInputStream()).numRows());
        Path key = Files.writeString(dir.resolve("key.csv"), "PKey,label\n1,x\n2,y\n");
        assertEquals(List.of("PKey", "label"), readPlain(key, InputStream.nullInputStream()).names());
    }
}
