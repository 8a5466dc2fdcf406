package org.dlkit.eval;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Macro F1 over the classes in the rows or the predictions, as scikit-learn takes them. */
class EvaluationReportTest {

    private static final List<String> CLASSES = List.of("Adelie", "Chinstrap", "Gentoo");

    @Test
    void rowsOfOneClassAllPredictedRightHaveMacroF1One() {
        EvaluationReport report = EvaluationReport.of(
                Nd4j.createFromArray(new double[][] {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}}),
                Nd4j.createFromArray(new double[][] {{0.9, 0.05, 0.05}, {0.8, 0.1, 0.1}, {0.6, 0.3, 0.1}}), CLASSES);
        assertEquals(1.0, report.accuracy());
        assertEquals(1.0, report.macroF1(), 1e-12, "classes absent from rows and predictions are not averaged in");
        assertEquals(0, report.classes().get(1).support());
    }

    @Test
    void aClassOnlyPredictedCountsWithItsF1OfZero() {
        // Adelie: 2 rows, 1 predicted right (precision 1, recall 1/2, F1 2/3); Chinstrap predicted once, wrongly (F1 0);
        // Gentoo neither in the rows nor predicted
        EvaluationReport report = EvaluationReport.of(
                Nd4j.createFromArray(new double[][] {{1, 0, 0}, {1, 0, 0}}),
                Nd4j.createFromArray(new double[][] {{0.9, 0.05, 0.05}, {0.2, 0.7, 0.1}}), CLASSES);
        assertEquals(0.5, report.accuracy());
        assertEquals((2.0 / 3 + 0) / 2, report.macroF1(), 1e-12);
    }

    @Test
    void everyClassPresentIsThePlainMean() {
        EvaluationReport report = EvaluationReport.of(
                Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}}),
                Nd4j.createFromArray(new double[][] {{0.9, 0.05, 0.05}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8},
                    {0.1, 0.8, 0.1}}), CLASSES);
        // F1: Adelie 1; Chinstrap precision 1/2, recall 1 -> 2/3; Gentoo precision 1, recall 1/2 -> 2/3
        assertEquals((1 + 2.0 / 3 + 2.0 / 3) / 3, report.macroF1(), 1e-12);
    }
}
