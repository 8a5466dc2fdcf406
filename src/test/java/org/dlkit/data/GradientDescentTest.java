package org.dlkit.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cards 26–30: batch sizes per mode, every example once per epoch, reshuffling. */
class GradientDescentTest {

    /** 10 examples whose single feature is their index. */
    private static DataSet tenExamples() {
        double[][] x = new double[10][1];
        double[][] y = new double[10][2];
        for (int i = 0; i < 10; i++) {
            x[i][0] = i;
            y[i][i % 2] = 1;
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    private static List<List<Integer>> epoch(EpochIterator it) {
        List<List<Integer>> batches = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < batch.numExamples(); i++) {
                ids.add((int) batch.getFeatures().getDouble(i, 0));
            }
            batches.add(ids);
        }
        return batches;
    }

    private static void assertVisitsEveryExampleOnce(List<List<Integer>> batches) {
        int[] seen = batches.stream().flatMap(List::stream).mapToInt(Integer::intValue).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, seen);
    }

    @Test
    void batchIsTheWholeTrainingSetInOneStep() {
        EpochIterator it = GradientDescent.BATCH.iterator(tenExamples(), 1);
        List<List<Integer>> batches = epoch(it);
        assertEquals(1, batches.size());
        assertVisitsEveryExampleOnce(batches);
    }

    @Test
    void stochasticUsesOneExampleAtATimeReshuffledEachEpoch() {
        EpochIterator it = GradientDescent.STOCHASTIC.iterator(tenExamples(), 7);
        List<List<Integer>> first = epoch(it);
        assertEquals(10, first.size());
        first.forEach(b -> assertEquals(1, b.size()));
        assertVisitsEveryExampleOnce(first);
        it.reset();
        List<List<Integer>> second = epoch(it);
        assertVisitsEveryExampleOnce(second);
        assertFalse(first.equals(second), "reshuffled between epochs");
    }

    @Test
    void miniBatchSplitsIntoBatchesOfNReshuffledEachEpoch() {
        EpochIterator it = GradientDescent.miniBatch(4).iterator(tenExamples(), 3);
        List<List<Integer>> first = epoch(it);
        assertEquals(List.of(4, 4, 2), first.stream().map(List::size).toList());
        assertVisitsEveryExampleOnce(first);
        it.reset();
        List<List<Integer>> second = epoch(it);
        assertVisitsEveryExampleOnce(second);
        assertFalse(first.equals(second));
    }

    @Test
    void epochOrderDependsOnlyOnSeedAndEpoch() {
        EpochIterator a = GradientDescent.MINI_BATCH.iterator(tenExamples(), 5);
        EpochIterator b = GradientDescent.MINI_BATCH.iterator(tenExamples(), 5);
        a.reset();
        assertEquals(0, a.epoch(), "a reset before any batch stays in epoch 0");
        epoch(a);
        a.reset();
        b.startEpoch(1);
        assertEquals(1, a.epoch());
        assertArrayEquals(a.order(), b.order());
        EpochIterator other = GradientDescent.MINI_BATCH.iterator(tenExamples(), 6);
        other.startEpoch(1);
        assertFalse(Arrays.equals(a.order(), other.order()));
    }

    @Test
    void modesByName() {
        assertEquals(GradientDescent.BATCH, GradientDescent.byName("batch", 32));
        assertEquals(GradientDescent.STOCHASTIC, GradientDescent.byName("SGD", 32));
        assertEquals(GradientDescent.miniBatch(8), GradientDescent.byName("mini_batch", 8));
        // as the other names: case, spaces, '-' and '_' do not matter
        assertEquals(GradientDescent.miniBatch(8), GradientDescent.byName("Mini Batch", 8));
        assertEquals(GradientDescent.BATCH, GradientDescent.byName(" Full Batch ", 8));
        for (String bad : new String[] {"online", "", null}) {
            org.dlkit.error.DlkitException e = assertThrows(org.dlkit.error.DlkitException.class,
                    () -> GradientDescent.byName(bad, 8));
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("mini-batch"),
                    e.getMessage());
        }
        assertEquals(32, GradientDescent.MINI_BATCH.batchSize(1000));
        assertEquals(1000, GradientDescent.BATCH.batchSize(1000));
        assertThrows(org.dlkit.error.DlkitException.class, () -> GradientDescent.miniBatch(0));
    }

    /** nextReusing gives the batches next gives (a smaller last batch included), filling the same arrays again. */
    @Test
    void reusingBatchesMatchFreshOnes() {
        EpochIterator fresh = GradientDescent.miniBatch(4).iterator(tenExamples(), 3);
        EpochIterator reusing = GradientDescent.miniBatch(4).iterator(tenExamples(), 3);
        for (int e = 0; e < 2; e++) {
            fresh.startEpoch(e);
            reusing.startEpoch(e);
            List<org.nd4j.linalg.api.ndarray.INDArray> arrays = new ArrayList<>();
            while (fresh.hasNext()) {
                DataSet expected = fresh.next();
                DataSet actual = reusing.nextReusing();
                assertEquals(expected.getFeatures(), actual.getFeatures(), "epoch " + e);
                assertEquals(expected.getLabels(), actual.getLabels(), "epoch " + e);
                arrays.add(actual.getFeatures());
            }
            assertFalse(reusing.hasNext());
            assertEquals(3, arrays.size());
            assertTrue(arrays.get(0) == arrays.get(1), "the full batches share their arrays");
        }
    }
}
