package org.dlkit.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Batches of an in-memory {@link DataSet}; {@link #reset()} starts the next epoch with a fresh order that depends only on
 * the seed and the epoch number. Nothing is re-parsed: each batch is a row selection of the matrices in memory, gathered
 * by one native op per matrix ({@code Nd4j.pullRows}; {@code INDArray.getRows} copies row by row, one op per row, which
 * cost more than 10% of a training epoch of the standard MLP).
 */
public final class EpochIterator implements DataSetIterator {

    private final INDArray features;
    private final INDArray labels;
    private final int batch;
    private final boolean shuffled;
    private final long seed;
    private int epoch;
    private int[] order;
    private int cursor;
    private DataSetPreProcessor preProcessor;
    /** The arrays {@link #nextReusing} fills again (null before its first call). */
    private DataSet reused;
    /** The rows as row-major floats, made by the first {@link #rowMajor()} call. */
    private RowMajor rowMajor;

    EpochIterator(DataSet data, int batch, boolean shuffled, long seed) {
        this.features = data.getFeatures();
        this.labels = data.getLabels();
        this.batch = batch;
        this.shuffled = shuffled;
        this.seed = seed;
        startEpoch(0);
    }

    /** Positions the iterator at the start of epoch {@code e} (0-based). */
    public void startEpoch(int e) {
        epoch = e;
        order = IntStream.range(0, (int) features.size(0)).toArray();
        if (shuffled) {
            Random random = new Random(seed * 1_000_003L + e);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        cursor = 0;
    }

    /** The current epoch, 0-based. */
    public int epoch() {
        return epoch;
    }

    /** Examples per epoch. */
    public int rows() {
        return order.length;
    }

    /** The example order of the current epoch. */
    public int[] order() {
        return order.clone();
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batch);
    }

    @Override
    public DataSet next(int num) {
        return gather(num, false);
    }

    /**
     * The next batch, gathered into the two arrays of the previous call of this method when it had as many rows: a
     * batch is valid until the next call, for a loop that is done with each batch before it asks for the next (the
     * {@code Trainer}'s). Fresh arrays for every batch cost ≈ 4% of a training epoch of the standard MLP, mostly
     * the first touch of newly mapped native memory; filling the same arrays again costs a quarter of that.
     */
    public DataSet nextReusing() {
        return gather(batch, true);
    }

    /**
     * All rows as row-major floats, converted once and kept: for a loop that gathers its batches itself (dlkit's
     * engine) from {@link #nextRows()}, with no ND4J op per batch. Not for an iterator with a pre-processor, whose
     * batches differ from the rows.
     *
     * @param features {@code n × inputs} values, row after row
     * @param labels   {@code n × outputs} values, row after row
     * @param inputs   values per row of features
     * @param outputs  values per row of labels
     */
    public record RowMajor(float[] features, float[] labels, int inputs, int outputs) {

        /** A data set's features and labels (2-D, any data type) as row-major floats. */
        public static RowMajor of(DataSet data) {
            return of(data.getFeatures(), data.getLabels());
        }

        static RowMajor of(INDArray features, INDArray labels) {
            return new RowMajor(floats(features), floats(labels), (int) features.size(1), (int) labels.size(1));
        }

        /** The values of a 2-D array of any data type as row-major floats (one copy of the whole array). */
        public static float[] floats(INDArray a) {
            return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        }
    }

    /** The rows as {@link RowMajor} floats (converted on the first call); throws when a pre-processor is set. */
    public RowMajor rowMajor() {
        if (preProcessor != null) {
            throw new IllegalStateException("rowMajor: a pre-processor changes the batches; use next()");
        }
        if (rowMajor == null) {
            rowMajor = RowMajor.of(features, labels);
        }
        return rowMajor;
    }

    /** The indices of the next batch's rows (into {@link #rowMajor()}), in the epoch's order; advances as next() does. */
    public int[] nextRows() {
        return advance(batch);
    }

    /** The next {@code num} rows of the epoch's order (fewer at its end); moves the cursor past them. */
    private int[] advance(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is finished; call reset()");
        }
        int end = Math.min(cursor + num, order.length);
        int[] rows = Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        return rows;
    }

    private DataSet gather(int num, boolean reuse) {
        int[] rows = advance(num);
        DataSet ds;
        if (rows.length == order.length && !shuffled) {
            ds = new DataSet(features, labels);
        } else if (reuse && reused != null && reused.numExamples() == rows.length) {
            Nd4j.pullRows(features, reused.getFeatures(), 1, rows);
            Nd4j.pullRows(labels, reused.getLabels(), 1, rows);
            ds = new DataSet(reused.getFeatures(), reused.getLabels());
        } else {
            ds = new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(labels, 1, rows));
            if (reuse) {
                reused = new DataSet(ds.getFeatures(), ds.getLabels());
            }
        }
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    /** Starts the next epoch. */
    @Override
    public void reset() {
        startEpoch(cursor == 0 ? epoch : epoch + 1);
    }

    @Override
    public int inputColumns() {
        return (int) features.size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) labels.size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
