package org.dlkit.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The engine's way through an epoch (row indices into row-major floats) gives exactly the batches of next(). */
class EpochIteratorTest {

    private static DataSet data(int rows) {
        Nd4j.getRandom().setSeed(7);
        return new DataSet(Nd4j.rand(DataType.FLOAT, rows, 3), Nd4j.rand(DataType.FLOAT, rows, 2));
    }

    @Test
    void rowIndicesIntoTheRowMajorFloatsGiveTheBatchesOfNext() {
        DataSet data = data(23);
        EpochIterator byRows = GradientDescent.miniBatch(5).iterator(data, 11);
        EpochIterator byNext = GradientDescent.miniBatch(5).iterator(data, 11);
        EpochIterator.RowMajor floats = byRows.rowMajor();
        assertEquals(3, floats.inputs());
        assertEquals(2, floats.outputs());
        for (int epoch = 0; epoch < 3; epoch++) {
            byRows.startEpoch(epoch);
            byNext.startEpoch(epoch);
            int batches = 0;
            while (byNext.hasNext()) {
                DataSet batch = byNext.next();
                int[] rows = byRows.nextRows();
                assertEquals(batch.numExamples(), rows.length);
                float[] x = new float[rows.length * 3];
                float[] y = new float[rows.length * 2];
                for (int r = 0; r < rows.length; r++) {
                    System.arraycopy(floats.features(), rows[r] * 3, x, r * 3, 3);
                    System.arraycopy(floats.labels(), rows[r] * 2, y, r * 2, 2);
                }
                assertArrayEquals(batch.getFeatures().dup('c').data().asFloat(), x, "epoch " + epoch);
                assertArrayEquals(batch.getLabels().dup('c').data().asFloat(), y, "epoch " + epoch);
                batches++;
            }
            assertFalse(byRows.hasNext());
            assertEquals(5, batches, "23 rows in batches of 5");
            assertEquals(23, byRows.rows());
        }
        assertThrows(java.util.NoSuchElementException.class, byRows::nextRows);
    }

    @Test
    void aPreProcessorRulesOutTheRowMajorFloats() {
        EpochIterator it = GradientDescent.miniBatch(5).iterator(data(10), 1);
        it.setPreProcessor(ds -> ds.getFeatures().muli(2));
        assertThrows(IllegalStateException.class, it::rowMajor);
        assertEquals(10, it.rows());
    }
}
