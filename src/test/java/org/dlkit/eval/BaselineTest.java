package org.dlkit.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import org.dlkit.model.Json;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accuracy paradox and the chance level: the report names the majority-class baseline (always predicting the most
 * frequent class) and says when the accuracy is not clearly above it.
 */
class BaselineTest {

    /** {@code actual[i]} and {@code predicted[i]} as one-hot rows and confident probabilities. */
    private static EvaluationReport report(List<String> classes, int[] actual, int[] predicted) {
        int n = actual.length;
        int k = classes.size();
        INDArray labels = Nd4j.zeros(n, k);
        INDArray probabilities = Nd4j.zeros(n, k);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, actual[i], 1);
            probabilities.putScalar(i, predicted[i], 1);
        }
        return EvaluationReport.of(labels, probabilities, classes);
    }

    /** {@code n} rows; row i's actual class is {@code actual.applyAsInt(i)}, its predicted one {@code predicted}'s. */
    private static EvaluationReport report(List<String> classes, int n, IntUnaryOperator actual,
                                           IntUnaryOperator predicted) {
        return report(classes, IntStream.range(0, n).map(actual).toArray(), IntStream.range(0, n).map(predicted)
                .toArray());
    }

    @Test
    void ninetyNineToOneAllPredictedAsTheMajorityIsNoBetterThanTheBaseline() {
        int[] actual = new int[400];
        for (int i = 0; i < 4; i++) {
            actual[i] = 1;
        }
        EvaluationReport r = report(List.of("ok", "fraud"), actual, new int[400]);
        assertEquals(0.99, r.accuracy(), 1e-12);
        assertEquals(0.99, r.baseline(), 1e-12);
        assertEquals("ok", r.majorityClass());
        assertFalse(r.clearlyAboveBaseline(), "99% accuracy is what always saying 'ok' gets");
        assertTrue(r.table().contains("majority-class baseline 0.9900 (always 'ok')"), r.table());
        assertTrue(r.table().contains("no better than chance"), r.table());
    }

    @Test
    void aCoinFlipOnBalancedClassesIsNoBetterThanChance() {
        // 55% right: above 50%, within chance on 120 rows
        EvaluationReport r = report(List.of("no", "yes"), 120, i -> i % 2, i -> i < 66 ? i % 2 : 1 - i % 2);
        assertEquals(0.5, r.baseline(), 1e-12);
        assertTrue(r.accuracy() > r.baseline() && r.accuracy() < 0.6, "accuracy " + r.accuracy());
        assertFalse(r.clearlyAboveBaseline(), "accuracy " + r.accuracy() + " on 120 rows");
    }

    @Test
    void aGoodModelIsClearlyAboveAndGetsNoWarning() {
        EvaluationReport r = report(List.of("setosa", "versicolor", "virginica"), 30, i -> i % 3,
                i -> i < 2 ? (i + 1) % 3 : i % 3);
        assertEquals(28.0 / 30, r.accuracy(), 1e-12);
        assertEquals(1.0 / 3, r.baseline(), 1e-12);
        assertTrue(r.clearlyAboveBaseline());
        assertTrue(r.table().contains("majority-class baseline 0.3333"), r.table());
        assertFalse(r.table().contains("warning"), r.table());
    }

    /**
     * {@code evaluate} on rows of one class (a file of setosas): nothing can be above a baseline of 1, and a perfect
     * model must not be called no better than chance.
     */
    @Test
    void rowsOfOneClassGetNoChanceWarning() {
        EvaluationReport r = report(List.of("setosa", "versicolor"), new int[50], new int[50]);
        assertEquals(1.0, r.accuracy(), 1e-12);
        assertEquals(1.0, r.baseline(), 1e-12);
        assertFalse(r.table().contains("warning"), r.table());
        assertTrue(r.table().contains("every row is of that class"), r.table());
    }

    @Test
    void theBaselineSurvivesTheSavedMetrics() throws Exception {
        int[] actual = {0, 0, 0, 1};
        Map<String, Object> saved = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(
                report(List.of("a", "b"), actual, new int[4]).toMap()), new TypeReference<>() { });
        EvaluationReport r = EvaluationReport.fromMap(saved);
        assertEquals(0.75, r.baseline(), 1e-12);
        assertEquals("a", r.majorityClass());
    }

    /**
     * A 90:10 label whose minority class is found 6 times in 10: accuracy 0.92 on 100 rows is not significantly above
     * the baseline 0.90, yet the model does tell the classes apart (balanced accuracy 0.78, chance 0.5). It was called
     * "no better than chance"; that verdict now also needs the mean recall per class not clearly above chance.
     */
    @Test
    void anImbalancedLabelWhoseMinorityIsOftenFoundIsNotCalledChance() {
        // minority recall 0.6, majority 86/90
        EvaluationReport r = report(List.of("no", "yes"), 100, i -> i < 10 ? 1 : 0,
                i -> i < 6 ? 1 : i < 10 ? 0 : i < 14 ? 1 : 0);
        assertEquals(0.92, r.accuracy(), 1e-12);
        assertFalse(r.clearlyAboveBaseline(), "0.92 vs 0.90 on 100 rows");
        assertEquals((0.6 + 86.0 / 90) / 2, r.balancedAccuracy(), 1e-12);
        assertFalse(r.noBetterThanChance());
        assertFalse(r.table().contains("warning"), r.table());
    }
}
