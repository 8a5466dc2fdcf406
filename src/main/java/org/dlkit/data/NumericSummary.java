package org.dlkit.data;

/**
 * A numeric column's statistics over the training rows, the imputation value among them: the present values'
 * smallest, largest and median, where the median of the n values sorted ascending, x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎, is x₍ₙ/₂₎ for
 * odd n and (x₍ₙ/₂₋₁₎ + x₍ₙ/₂₎) / 2 (in double, then rounded to float) for even n. The order is
 * {@link Float#compare}'s (−0 before 0), exactly what sorting the values would give, but found by selection in
 * expected O(n) rather than by an O(n log n) sort of the whole column: the values are mapped once to ints in the same
 * order ({@link #key}), and x₍ₖ₎ is selected with three-way partitions, so columns of many equal values (image pixels
 * that are mostly 0) cost no more than others.
 *
 * @param present how many rows hold a number (NaN: missing or not a number, left out)
 * @param min     x₍₀₎
 * @param max     x₍ₙ₋₁₎
 * @param median  as above; NaN when no row holds a number
 */
record NumericSummary(int present, float min, float max, float median) {

    /** The summary of {@code column}'s values at {@code rows}. */
    static NumericSummary of(RawColumn column, int[] rows) {
        int[] keys = new int[rows.length];
        int n = 0;
        for (int r : rows) {
            float v = column.value(r);
            if (!Float.isNaN(v)) {
                keys[n++] = key(v);
            }
        }
        return of(keys, n);
    }

    /** The summary of the first {@code n} entries of {@code keys} ({@link #key}s), which it reorders. */
    static NumericSummary of(int[] keys, int n) {
        if (n == 0) {
            return new NumericSummary(0, Float.NaN, Float.NaN, Float.NaN);
        }
        int min = keys[0], max = keys[0];
        for (int i = 1; i < n; i++) {
            min = Math.min(min, keys[i]);
            max = Math.max(max, keys[i]);
        }
        int upper = select(keys, n, n / 2);
        float median;
        if (n % 2 == 1) {
            median = value(upper);
        } else {
            int lower = keys[0]; // x₍ₙ/₂₋₁₎: the largest of the n/2 keys selection left before x₍ₙ/₂₎
            for (int i = 1; i < n / 2; i++) {
                lower = Math.max(lower, keys[i]);
            }
            median = (float) (((double) value(lower) + value(upper)) / 2);
        }
        return new NumericSummary(n, value(min), value(max), median);
    }

    /**
     * An int whose signed order is {@link Float#compare}'s order of the non-NaN {@code v}: the bits of a positive
     * float, and those of a negative one with all but the sign flipped.
     */
    static int key(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The float of {@link #key}{@code (v)}. */
    static float value(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }

    /**
     * The k-th smallest of {@code a[0..n)} (from 0), reordering {@code a} so that {@code a[0..k)} hold keys no larger
     * and {@code a(k..n)} keys no smaller: quickselect with the median of three as pivot and a three-way partition,
     * and a sort of what is left after 2·log₂ n + 8 rounds, so that no order of the values makes it quadratic.
     */
    static int select(int[] a, int n, int k) {
        int lo = 0, hi = n - 1;
        for (int rounds = 2 * (32 - Integer.numberOfLeadingZeros(n)) + 8; lo < hi; rounds--) {
            if (rounds == 0) {
                java.util.Arrays.sort(a, lo, hi + 1);
                return a[k];
            }
            int mid = (lo + hi) >>> 1;
            int pivot = medianOf3(a[lo], a[mid], a[hi]);
            int lt = lo, i = lo, gt = hi; // a[lo..lt) < pivot, a[lt..i) == pivot, a(gt..hi] > pivot
            while (i <= gt) {
                int x = a[i];
                if (x < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = x;
                } else if (x > pivot) {
                    a[i] = a[gt];
                    a[gt--] = x;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[k];
    }

    private static int medianOf3(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
