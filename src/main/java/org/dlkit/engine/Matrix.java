package org.dlkit.engine;

/**
 * A row-major matrix living on a {@link Device} (Java memory for the CPU, GPU memory for CUDA). Only its device reads or
 * writes its values; {@link #top(int)} views its first rows without copying (a smaller last mini-batch).
 */
public abstract class Matrix {

    private final int rows;
    private final int cols;

    protected Matrix(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
    }

    public final int rows() {
        return rows;
    }

    public final int cols() {
        return cols;
    }

    public final int size() {
        return rows * cols;
    }

    /** The first {@code n} rows, sharing this matrix's storage. */
    public abstract Matrix top(int n);

    protected final void checkTop(int n) {
        if (n < 0 || n > rows) {
            throw new IllegalArgumentException("top " + n + " rows of a " + rows + "x" + cols + " matrix");
        }
    }

    @Override
    public String toString() {
        return rows + "x" + cols;
    }
}
