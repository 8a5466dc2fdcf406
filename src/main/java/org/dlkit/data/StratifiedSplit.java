package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded, stratified train/test split: every class keeps its share of rows on both sides, so a rare class is never
 * missing from the test set.
 *
 * @param train the training rows
 * @param test  the held-out rows
 */
public record StratifiedSplit(LabelledData train, LabelledData test) {

    /**
     * Splits {@code data}, putting {@code round(n * testFraction)} (at least one) rows of each class of n rows into the
     * test part. Throws {@link DlkitException} when the data cannot be split that way: one class, fewer rows than
     * classes, or a class too small to appear on both sides.
     */
    public static StratifiedSplit of(LabelledData data, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new DlkitException("test fraction " + testFraction + " is out of range; expected a value between 0 and 1");
        }
        String file = String.valueOf(data.source());
        if (data.numClasses() < 2) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "%s: only one class ('%s') in column '%s'; a classifier needs at least two",
                    file, data.classNames().get(0), data.labelName()));
        }
        if (data.numExamples() < data.numClasses()) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "%s: %d rows but %d classes; expected at least two rows per class",
                    file, data.numExamples(), data.numClasses()));
        }
        int[] counts = data.classCounts();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < 2) {
                throw new DlkitException(String.format(Locale.ROOT,
                        "%s: class '%s' has %d row; the train/test split needs at least 2 per class",
                        file, data.classNames().get(c), counts[c]));
            }
            byClass.add(new ArrayList<>());
        }
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : byClass) {
            Collections.shuffle(rows, random);
            int nTest = Math.min(rows.size() - 1, Math.max(1, (int) Math.round(rows.size() * testFraction)));
            test.addAll(rows.subList(0, nTest));
            train.addAll(rows.subList(nTest, rows.size()));
        }
        Collections.shuffle(train, random);
        Collections.shuffle(test, random);
        return new StratifiedSplit(data.rows(toArray(train)), data.rows(toArray(test)));
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
