package org.dlkit.data;

import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Held-out values far outside the training rows' range. Standardisation is fitted on the training rows only, so a
 * validation or test value x far from them becomes an enormous input z = (x − μ) / σ (μ, σ: the training rows' mean
 * and standard deviation): 3e38 in a column of values about 5 ± 2 is z ≈ 1.5e38, which overflows float arithmetic in
 * the first layer, and the validation loss turns NaN although training is fine. pandas and scikit-learn would not say
 * so; dlkit warns at data preparation, naming the column, the line and the value.
 */
final class FarOutside {

    /** |z| above this many training standard deviations is far outside (a training value seldom passes 10). */
    static final double LIMIT = 1e3;
    /** Lines named in one warning. */
    private static final int LISTED = 3;

    private FarOutside() {
    }

    /**
     * One warning per numeric column of {@code transform} holding a value of {@code validation} or {@code test}
     * (either may be null) farther than {@link #LIMIT} standard deviations from the mean of {@code normalizer}.
     */
    static void warn(FeatureTransform transform, NormalizerStandardize normalizer, LabelledData validation,
                     LabelledData test, Consumer<String> warnings) {
        List<String> outputs = transform.outputNames();
        for (ColumnSchema c : transform.schema().columns()) {
            int k = outputs.indexOf(c.name());
            if (c.kind() != ColumnKind.NUMERIC || k < 0) {
                continue;
            }
            double mean = normalizer.getMean().getDouble(k), std = normalizer.getStd().getDouble(k);
            List<String> far = new ArrayList<>();
            String first = null;
            for (LabelledData part : new LabelledData[] {validation, test}) {
                if (part == null) {
                    continue;
                }
                RawColumn column = part.table().column(c.name());
                for (int i = 0; i < part.numExamples(); i++) {
                    double x = column.value(part.tableRow(i));
                    double z = (x - mean) / std;
                    if (Math.abs(z) > LIMIT) { // NaN (missing) is not
                        far.add(Long.toString(part.line(i)));
                        if (first == null) {
                            first = String.format(Locale.ROOT, "line %d (a %s row) holds %s", part.line(i),
                                    part == validation ? "validation" : "test", brief(x));
                            first += String.format(Locale.ROOT, ", far outside the training rows' range %s .. %s: "
                                    + "standardised with their mean and standard deviation it becomes an input of %s",
                                    brief(c.min()), brief(c.max()), brief(z));
                        }
                    }
                }
            }
            if (first != null) {
                String more = far.size() == 1 ? "" : String.format(Locale.ROOT, "; %d held-out rows in all (lines %s%s)",
                        far.size(), String.join(", ", far.subList(0, Math.min(LISTED, far.size()))),
                        far.size() > LISTED ? ", ..." : "");
                warnings.accept(String.format(Locale.ROOT, "%s, column '%s': %s, which can overflow the network%s; "
                        + "check such values, or empty their cells to read them as missing",
                        (validation != null ? validation : test).table().source(), c.name(), first, more));
            }
        }
    }

    /** {@code x} to 4 significant digits, in scientific notation from a million on: 3E+38, 1500, 11.2, -0.189. */
    static String brief(double x) {
        BigDecimal b = BigDecimal.valueOf(x).round(new MathContext(4)).stripTrailingZeros();
        return Math.abs(x) >= 1e6 ? b.toString() : b.toPlainString();
    }
}
