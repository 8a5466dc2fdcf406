package org.dlkit.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

import java.nio.file.Path;

/** Test fixture: all of datasets/iris.csv encoded as in training and standardised, for networks trained directly. */
public final class StandardisedIris {

    private StandardisedIris() {
    }

    /** The 150 iris rows, 4 standardised float features, one-hot species labels; a new DataSet on each call. */
    public static DataSet dataSet() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets", "iris.csv"), "species");
        DataSet data = FeatureTransform.fit(iris, w -> { }).dataSet(iris, DataType.FLOAT, w -> { }).data();
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(data);
        normalizer.transform(data);
        return data;
    }
}
