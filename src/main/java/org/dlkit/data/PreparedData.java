package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The course's "prepare input data" step in one place, used by training, {@code explain} and the experiments: a
 * stratified train/test split, a stratified validation part carved from the training rows, the feature transform
 * (schema, categories, imputation values) and the standardisation both learnt from the remaining training rows only,
 * and the three parts encoded as float DataSets.
 *
 * @param data        all labelled rows
 * @param transform   raw rows to network inputs, learnt from the training rows
 * @param normalizer  standardisation fitted on the encoded training rows
 * @param train       the rows trained on, encoded and standardised
 * @param validation  the validation rows (null without a validation part)
 * @param test        the held-out test rows
 * @param imputed     missing cells filled in, over all parts
 * @param dropped     rows left out for a missing feature value ({@link MissingPolicy#DROP})
 */
public record PreparedData(LabelledData data, FeatureTransform transform, NormalizerStandardize normalizer,
                           DataSet train, DataSet validation, DataSet test, int imputed, int dropped) {

    /** How rows are split: shares of each class held out for testing and (from the rest) for validation. */
    public record Split(double testFraction, double validationFraction, long seed) { }

    /** The rows each part gets, before anything is learnt or encoded. */
    public record Parts(LabelledData train, LabelledData validation, LabelledData test) { }

    /** Splits {@code data}: test rows first, then validation rows from the rest (none when its fraction is 0). */
    public static Parts split(LabelledData data, Split split) {
        int[] all = data.classCounts();
        for (int c = 0; c < all.length && split.validationFraction() > 0 && data.numClasses() > 1; c++) {
            if (all[c] < 3) {
                throw new DlkitException(String.format(Locale.ROOT,
                        "%s: class '%s' has %d row%s, too few for a test, a validation "
                        + "and a training row; expected at least 3 rows per class (or --validation-fraction 0; in Java "
                        + "validationFraction(0))",
                        data.source(), data.classNames().get(c), all[c], all[c] == 1 ? "" : "s"));
            }
        }
        StratifiedSplit test = StratifiedSplit.of(data, split.testFraction(), split.seed());
        if (split.validationFraction() <= 0) {
            return new Parts(test.train(), null, test.test());
        }
        int[] left = test.train().classCounts();
        for (int c = 0; c < left.length; c++) {
            if (left[c] < 2) {
                throw new DlkitException(String.format(Locale.ROOT, "%s: --test-fraction %s holds out %d of the %d "
                        + "rows of class '%s', leaving %d, too few for a validation and a training row; expected a "
                        + "lower --test-fraction (or --validation-fraction 0; in Java testFraction(f), "
                        + "validationFraction(0))", data.source(), split.testFraction(),
                        all[c] - left[c], all[c], data.classNames().get(c), left[c]));
            }
        }
        StratifiedSplit validation = StratifiedSplit.of(test.train(), split.validationFraction(), split.seed());
        return new Parts(validation.train(), validation.test(), test.test());
    }

    /** Splits, learns the transform and the standardisation from the training part, encodes every part. */
    public static PreparedData of(LabelledData data, Split split, Consumer<String> warnings) {
        Parts parts = split(data, split);
        FeatureTransform transform = FeatureTransform.fit(parts.train(), warnings);
        FeatureTransform.Labelled[] encoded = transform.dataSets(DataType.FLOAT, warnings, parts.train(),
                parts.validation(), parts.test()); // one warning per column for the whole table, not one per part
        FeatureTransform.Labelled train = encoded[0], validation = encoded[1], test = encoded[2];
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(train.data());
        normalizer.transform(train.data());
        if (validation != null) {
            normalizer.transform(validation.data());
        }
        normalizer.transform(test.data());
        FarOutside.warn(transform, normalizer, parts.validation(), parts.test(), warnings);
        int imputed = train.imputed() + test.imputed() + (validation == null ? 0 : validation.imputed());
        int dropped = train.dropped() + test.dropped() + (validation == null ? 0 : validation.dropped());
        return new PreparedData(data, transform, normalizer, train.data(),
                validation == null ? null : validation.data(), test.data(), imputed, dropped);
    }

    /** Network inputs after encoding. */
    public int numInputs() {
        return transform.outputNames().size();
    }

    /** "N rows without a label left out; M missing cells filled in ...", or an empty string when nothing was missing. */
    public String missingSummary() {
        StringBuilder sb = new StringBuilder();
        if (data.unlabelledRows() > 0) {
            sb.append(data.unlabelledRows()).append(data.unlabelledRows() == 1 ? " row" : " rows")
                    .append(" without a label left out");
        }
        if (imputed > 0) {
            sb.append(sb.isEmpty() ? "" : "; ").append(imputed).append(imputed == 1 ? " missing cell" : " missing cells")
                    .append(" filled in (median / most frequent category of the training rows)");
        }
        if (dropped > 0) {
            sb.append(sb.isEmpty() ? "" : "; ").append(dropped).append(dropped == 1 ? " row" : " rows")
                    .append(" with a missing value left out (--missing drop)");
        }
        return sb.toString();
    }
}
