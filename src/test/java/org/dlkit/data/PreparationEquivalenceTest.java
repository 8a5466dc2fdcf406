package org.dlkit.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Table preparation is as it was before the median became a selection ({@link NumericSummary}) and the encoding a
 * direct computation ({@link RowEncoding}) instead of DataVec's process run row by row: the statistics, the saved
 * transform, the encoded floats bit for bit, the filled-in count and the warnings, on tables with gaps, ties, even and
 * odd counts, NaN cells, negative zeros, formatted numbers and categories unseen in training.
 *
 * <p>The expected files under {@code src/test/resources/prep/} were written by the code before the change (the
 * commit before this test) with {@link #main}: {@code java -cp <old classes>:... org.dlkit.data.PreparationEquivalenceTest DIR}.
 */
class PreparationEquivalenceTest {

    /** Gaps (empty, NA, NaN), ties, even counts in b and z, −0 and 0 in c and z (whose smallest is −0), a formatted column, categories with gaps. */
    static final String SMALL = """
            a,b,c,z,money,colour,size,label
            1,2.5,-0,0,"$1,200",red,S,x
            3,,0,-0,"$3,400.50",blue,M,y
            3,7.25,-0,1,"$950",,S,x
            -2,NA,-1.5,4,"$2,000",red,,y
            3,NaN,0,,"$1,200",green,L,x
            0.1,2.5,-0,0,"$80",red,M,y
            7,-3,2,9,,blue,S,x
            """;
    /** Rows to encode with the small table's transform: unseen categories, gaps, −0, a value not a number. */
    static final String SMALL_NEW = """
            a,b,c,z,money,colour,size,label
            ,1e-7,-0,-0,"$5",purple,XL,x
            -0,,-0.0,,"$1,000,000",red,,y
            1.5,abc,3.3333333,0.1,,,S,x
            """;

    @Test
    void smallTableAsBefore(@TempDir Path dir) throws Exception {
        assertSame(expected("small.txt"), describe(dir, SMALL, SMALL_NEW));
    }

    @Test
    void mixedTableAsBefore(@TempDir Path dir) throws Exception {
        assertSame(expected("mixed.txt"), describe(dir, mixed(3001, 5), mixed(400, 6)));
    }

    /**
     * {@link #describe}'s outputs equal: the transform's JSON as JSON (the order of the keys of a {@code Map.of}, as
     * "formatted" was written before, changes from JVM to JVM), the rest line by line.
     */
    private static void assertSame(String expected, String actual) throws IOException {
        ObjectMapper json = new ObjectMapper();
        int e = expected.indexOf("\nencoded "), a = actual.indexOf("\nencoded ");
        assertEquals(json.readTree(expected.substring(0, e)), json.readTree(actual.substring(0, a)));
        assertEquals(expected.substring(e), actual.substring(a));
    }

    @Test
    void encodingEqualsDataVecsProcess(@TempDir Path dir) throws Exception {
        for (String[] tables : new String[][] {{SMALL, SMALL_NEW}, {mixed(1200, 9), mixed(300, 8)}}) {
            Path train = write(dir.resolve("train.csv"), tables[0]);
            Path other = write(dir.resolve("other.csv"), tables[1]);
            LabelledData data = LabelledData.fromCsv(train, "label");
            FeatureTransform transform = FeatureTransform.fit(data, w -> { });
            for (RawTable table : List.of(data.table(), transform.readCsv(other, ','))) {
                int[] rows = java.util.stream.IntStream.range(0, table.numRows()).toArray();
                float[] direct = transform.encode(table, rows, w -> { }).values();
                float[] viaDataVec = EncodingBeforeDirect.encode(transform, table, rows, w -> { }).values();
                assertEquals(viaDataVec.length, direct.length);
                for (int i = 0; i < direct.length; i++) {
                    assertEquals(Float.floatToRawIntBits(viaDataVec[i]), Float.floatToRawIntBits(direct[i]),
                            "encoded value " + i + ": DataVec " + viaDataVec[i] + ", direct " + direct[i]);
                }
            }
        }
    }

    @Test
    void selectionEqualsSorting() {
        SplittableRandom random = new SplittableRandom(11);
        float[][] fixed = {{0f}, {-0f, 0f}, {0f, -0f}, {-0f, -0f, 0f, 0f}, {5, 5, 5, 5}, {1, 2}, {2, 1, 3},
                {Float.MAX_VALUE, -Float.MAX_VALUE}, {Float.NEGATIVE_INFINITY, 1, Float.POSITIVE_INFINITY, 2},
                {Float.MIN_VALUE, -Float.MIN_VALUE, 0f, -0f}, {16777216f, 16777217f, 1e-30f, -1e30f}};
        for (float[] values : fixed) {
            assertSameAsSorting(values);
        }
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + random.nextInt(trial < 2500 ? 40 : 5000);
            int kind = random.nextInt(5);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (kind) {
                    case 0 -> (float) random.nextGaussian();
                    case 1 -> random.nextInt(4) - 2; // many ties
                    case 2 -> random.nextDouble() < 0.85 ? (random.nextBoolean() ? 0f : -0f) : random.nextInt(256);
                    case 3 -> i; // already sorted
                    default -> n - i + (random.nextBoolean() ? 0.5f : -0.5f);
                };
            }
            assertSameAsSorting(values);
        }
    }

    /** {@link NumericSummary} against the sort the schema used before, bit for bit. */
    private static void assertSameAsSorting(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        float median = n % 2 == 1 ? sorted[n / 2] : (float) (((double) sorted[n / 2 - 1] + sorted[n / 2]) / 2);
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = NumericSummary.key(values[i]);
        }
        NumericSummary s = NumericSummary.of(keys, n);
        String what = Arrays.toString(values);
        assertArrayEquals(new int[] {n, Float.floatToRawIntBits(sorted[0]), Float.floatToRawIntBits(sorted[n - 1]),
                        Float.floatToRawIntBits(median)},
                new int[] {s.present(), Float.floatToRawIntBits(s.min()), Float.floatToRawIntBits(s.max()),
                        Float.floatToRawIntBits(s.median())}, what.length() > 300 ? what.substring(0, 300) : what);
    }

    /**
     * What preparation produced from {@code train} and {@code other}: the warnings, the saved transform, and for the
     * training rows and the other table the filled-in count and a digest of the encoded floats' bits.
     */
    static String describe(Path dir, String train, String other) throws IOException {
        Path trainCsv = write(dir.resolve("train.csv"), train);
        Path otherCsv = write(dir.resolve("other.csv"), other);
        List<String> warnings = new ArrayList<>();
        LabelledData data = LabelledData.fromCsv(trainCsv, "label");
        FeatureTransform transform = FeatureTransform.fit(data, warnings::add);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        StringBuilder sb = new StringBuilder(json.writeValueAsString(transform.toJson(json))).append('\n');
        RawTable otherTable = transform.readCsv(otherCsv, ',');
        for (RawTable table : List.of(data.table(), otherTable)) {
            int[] rows = java.util.stream.IntStream.range(0, table.numRows()).toArray();
            FeatureTransform.Encoded e = transform.encode(table, rows, warnings::add);
            sb.append(String.format(Locale.ROOT, "encoded %d x %d, imputed %d, bits %s%n", e.rows(), e.columns(),
                    e.imputed(), digest(e.values())));
        }
        warnings.forEach(w -> sb.append("warning: ").append(w.replace(dir.toString(), "DIR")).append('\n'));
        return sb.toString();
    }

    /** A mixed table: numbers with ties, gaps, −0 and NaN cells; categories with gaps; a 3-class label. */
    static String mixed(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("n0,n1,n2,n3,n4,c0,c1,label\n");
        for (int r = 0; r < rows; r++) {
            double gap = random.nextDouble();
            sb.append(gap < 0.05 ? "" : Integer.toString(random.nextInt(-3, 4))).append(',');
            sb.append(gap > 0.9 ? "NaN" : Float.toString((float) random.nextGaussian())).append(',');
            sb.append(random.nextDouble() < 0.5 ? "-0" : random.nextDouble() < 0.5 ? "0" : "-1e-3").append(',');
            sb.append(random.nextInt(1000) / 8.0).append(',');
            sb.append(gap < 0.02 ? "NA" : Float.toString((float) (random.nextDouble() * 1e7))).append(',');
            sb.append(gap > 0.97 ? "" : "k" + random.nextInt(seed % 2 == 0 ? 6 : 5)).append(',');
            sb.append("abcd".charAt(random.nextInt(4))).append(',');
            sb.append("xyz".charAt(random.nextInt(3))).append('\n');
        }
        return sb.toString();
    }

    private static String digest(float[] values) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (float v : values) {
                int bits = Float.floatToRawIntBits(v);
                sha.update(new byte[] {(byte) (bits >> 24), (byte) (bits >> 16), (byte) (bits >> 8), (byte) bits});
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String expected(String name) throws IOException {
        try (InputStream in = PreparationEquivalenceTest.class.getResourceAsStream("/prep/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes the expected files into {@code args[0]} (run with the classes before the change). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path work = Files.createTempDirectory("dlkit-prep-expected");
        Files.writeString(out.resolve("small.txt"), describe(work, SMALL, SMALL_NEW));
        Files.writeString(out.resolve("mixed.txt"), describe(work, mixed(3001, 5), mixed(400, 6)));
    }
}
