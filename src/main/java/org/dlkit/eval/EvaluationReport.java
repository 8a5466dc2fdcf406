package org.dlkit.eval;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Supervise the training": how well a classifier does on held-out data, computed by DL4J's {@link Evaluation}.
 *
 * <p>Macro F1 is the unweighted mean of the per-class F1 scores for any number of classes (DL4J's own {@code f1()}
 * reports the positive class only when there are two), over the classes that occur in the rows or in the predictions,
 * as scikit-learn's {@code f1_score(average="macro")} takes them: a class absent from both has no F1 to speak of, and
 * counting it as 0 would report a macro F1 of 1/3 for rows of one class out of three, all predicted right.
 *
 * @param classNames the classes, in the network's output order
 * @param examples   how many rows were evaluated
 * @param accuracy   fraction of rows whose most probable class is the true one
 * @param macroF1    mean of the per-class F1 scores of the classes in the rows or the predictions
 * @param classes    precision, recall, F1 and support of each class
 * @param confusion  {@code confusion[actual][predicted]} counts
 */
public record EvaluationReport(List<String> classNames, int examples, double accuracy, double macroF1,
                               List<ClassMetrics> classes, int[][] confusion) {

    /** One class's row of the report. */
    public record ClassMetrics(String name, double precision, double recall, double f1, int support) { }

    /** Evaluates {@code net} on features already normalised like its training data, with one-hot {@code labels}. */
    public static EvaluationReport of(MultiLayerNetwork net, INDArray features, INDArray labels, List<String> classNames) {
        return of(labels, net.output(features, false), classNames);
    }

    /** Compares one-hot {@code labels} with predicted class probabilities {@code probabilities}. */
    public static EvaluationReport of(INDArray labels, INDArray probabilities, List<String> classNames) {
        Evaluation evaluation = new Evaluation(classNames);
        evaluation.eval(labels, probabilities);
        int n = classNames.size();
        List<ClassMetrics> classes = new ArrayList<>();
        int[][] confusion = new int[n][n];
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < n; c++) {
            double f1 = evaluation.f1(c);
            if (evaluation.classCount(c) > 0 || evaluation.getConfusionMatrix().getPredictedTotal(c) > 0) {
                f1Sum += f1;
                present++;
            }
            classes.add(new ClassMetrics(classNames.get(c), evaluation.precision(c, 0.0), evaluation.recall(c, 0.0), f1,
                    evaluation.classCount(c)));
            for (int p = 0; p < n; p++) {
                confusion[c][p] = evaluation.getConfusionMatrix().getCount(c, p);
            }
        }
        return new EvaluationReport(List.copyOf(classNames), evaluation.getNumRowCounter(), evaluation.accuracy(),
                present == 0 ? Double.NaN : f1Sum / present, List.copyOf(classes), confusion);
    }

    /** The metrics as a JSON-ready map (accuracy, macro_f1, per-class metrics, confusion matrix). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("examples", examples);
        map.put("accuracy", accuracy);
        map.put("macro_f1", macroF1);
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (ClassMetrics c : classes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", c.name());
            m.put("precision", c.precision());
            m.put("recall", c.recall());
            m.put("f1", c.f1());
            m.put("support", c.support());
            perClass.add(m);
        }
        map.put("classes", perClass);
        Map<String, Object> matrix = new LinkedHashMap<>();
        matrix.put("labels", classNames);
        matrix.put("rows_actual_columns_predicted", confusion);
        map.put("confusion_matrix", matrix);
        return map;
    }

    /**
     * The report {@link #toMap()} wrote (a model's {@code metadata.json} "metrics"), or null when {@code map} is not
     * one (absent, or written by another tool).
     */
    public static EvaluationReport fromMap(Map<String, ?> map) {
        if (map == null || !(map.get("classes") instanceof List<?> perClass)
                || !(map.get("confusion_matrix") instanceof Map<?, ?> matrix)
                || !(matrix.get("labels") instanceof List<?> labels)
                || !(matrix.get("rows_actual_columns_predicted") instanceof List<?> rows)
                || !(map.get("examples") instanceof Number examples) || !(map.get("accuracy") instanceof Number accuracy)
                || labels.size() != rows.size() || perClass.size() != labels.size()) {
            return null;
        }
        List<ClassMetrics> classes = new ArrayList<>();
        for (Object o : perClass) {
            if (!(o instanceof Map<?, ?> c)) {
                return null;
            }
            classes.add(new ClassMetrics(String.valueOf(c.get("class")), number(c.get("precision")),
                    number(c.get("recall")), number(c.get("f1")), (int) number(c.get("support"))));
        }
        int[][] confusion = new int[rows.size()][];
        for (int r = 0; r < confusion.length; r++) {
            if (!(rows.get(r) instanceof List<?> row) || row.size() != labels.size()) {
                return null;
            }
            confusion[r] = row.stream().mapToInt(v -> (int) number(v)).toArray();
        }
        return new EvaluationReport(labels.stream().map(String::valueOf).toList(), examples.intValue(),
                accuracy.doubleValue(), number(map.get("macro_f1")), List.copyOf(classes), confusion);
    }

    /** A JSON number as a double; NaN when absent or written as text ("NaN"). */
    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return value == null ? Double.NaN : Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * One-sided z for "clearly above the baseline": 1.645, the 95% quantile of the standard normal (a test at 5%).
     */
    static final double CLEARLY_ABOVE_Z = 1.645;

    /**
     * The majority-class baseline: the accuracy of always predicting the most frequent class of these rows
     * ({@link #majorityClass()}), scikit-learn's {@code DummyClassifier(strategy="most_frequent")}: b = max support / n.
     * On a 99:1 label an accuracy of 0.99 is this baseline, not a good model (the accuracy paradox). NaN for no rows.
     */
    public double baseline() {
        return examples == 0 ? Double.NaN
                : classes.stream().mapToInt(ClassMetrics::support).max().orElse(0) / (double) examples;
    }

    /** The most frequent class of these rows (the first in class order on a tie); null for no rows. */
    public String majorityClass() {
        ClassMetrics most = null;
        for (ClassMetrics c : classes) {
            if (most == null || c.support() > most.support()) {
                most = c;
            }
        }
        return examples == 0 || most == null ? null : most.name();
    }

    /**
     * The least accuracy that is clearly above the baseline b on these n rows: b + z·√(b(1−b)/n), z =
     * {@value #CLEARLY_ABOVE_Z}, at most 1 (as reported: an accuracy above it is clearly above the baseline either
     * way); a classifier no better than the baseline reaches it by luck 5% of the time.
     */
    public double clearlyAboveAt() {
        double b = baseline();
        return Math.min(1, b + CLEARLY_ABOVE_Z * Math.sqrt(b * (1 - b) / examples));
    }

    /**
     * Whether the accuracy is clearly above the {@link #baseline()}: above {@link #clearlyAboveAt()}. False means no
     * better than chance on these rows: labels that are noise, features that do not inform, or a minority class never
     * predicted.
     */
    public boolean clearlyAboveBaseline() {
        return examples > 0 && accuracy > clearlyAboveAt();
    }

    /**
     * The balanced accuracy: the mean recall of the classes present in these rows (scikit-learn's
     * {@code balanced_accuracy_score}); chance level is 1/k for k classes present, whatever their sizes. NaN for no rows.
     */
    public double balancedAccuracy() {
        return classes.stream().filter(c -> c.support() > 0).mapToDouble(ClassMetrics::recall).average()
                .orElse(Double.NaN);
    }

    /**
     * Whether the {@link #balancedAccuracy()} is clearly above chance, 1/k: above 1/k + z·√(Σ 1/(4 n_c))/k, z =
     * {@value #CLEARLY_ABOVE_Z}, the one-sided bound for a classifier that guesses without looking at the row (each
     * recall r_c then varies by at most √(1/(4 n_c)) over the n_c rows of class c).
     */
    public boolean balancedAccuracyClearlyAboveChance() {
        List<ClassMetrics> present = classes.stream().filter(c -> c.support() > 0).toList();
        int k = present.size();
        double variance = present.stream().mapToDouble(c -> 1.0 / (4.0 * c.support())).sum();
        return k > 0 && balancedAccuracy() > 1.0 / k + CLEARLY_ABOVE_Z * Math.sqrt(variance) / k;
    }

    /**
     * Whether the report should say the model is no better than chance: rows of more than one class (nothing is above
     * a baseline of 1, as for a file of one class given to {@code evaluate}), an accuracy not
     * {@link #clearlyAboveBaseline() clearly above} the baseline, and a balanced accuracy not
     * {@link #balancedAccuracyClearlyAboveChance() clearly above chance} (on an imbalanced label, a model that finds
     * much of the minority class may have an accuracy near the baseline and still tell the classes apart).
     */
    public boolean noBetterThanChance() {
        return examples > 0 && baseline() < 1 && !clearlyAboveBaseline() && !balancedAccuracyClearlyAboveChance();
    }

    /** A readable table: the summary line, per-class metrics and the confusion matrix with class names. */
    public String table() {
        return ReportTable.render(this);
    }
}
