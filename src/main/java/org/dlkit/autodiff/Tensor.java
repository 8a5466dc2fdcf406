package org.dlkit.autodiff;

import java.util.Arrays;

/**
 * An immutable block of {@code double}s with a shape: a scalar (shape {@code []}), a vector ({@code [n]}) or a
 * matrix ({@code [rows, cols]}, stored row by row).
 *
 * <p>Scalars are tensors too, so the lecture's scalar examples ({@code f = (x + y)·z}) and a mini-batch MLP run on
 * the same engine. Ops read {@link #data} directly; code outside the package gets copies.
 */
public final class Tensor {

    private final int[] shape;
    /** Row-major values; never written after construction. */
    final double[] data;

    Tensor(int[] shape, double[] data) {
        if (shape.length > 2) {
            throw new IllegalArgumentException("tensors have rank 0, 1 or 2; got shape " + Arrays.toString(shape));
        }
        int size = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("every dimension must be >= 1; got shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (data.length != size) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + size + " values; got " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    public static Tensor scalar(double value) {
        return new Tensor(new int[0], new double[] {value});
    }

    public static Tensor vector(double... values) {
        return new Tensor(new int[] {values.length}, values.clone());
    }

    /** A {@code rows × cols} matrix from row-major values. */
    public static Tensor matrix(int rows, int cols, double... rowMajor) {
        return new Tensor(new int[] {rows, cols}, rowMajor.clone());
    }

    /** A matrix from its rows; all rows must have the same length. */
    public static Tensor of(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row; got 0 rows");
        }
        int cols = rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return new Tensor(new int[] {rows.length, cols}, data);
    }

    /** Wraps an array the caller hands over and will not touch again (no copy). */
    static Tensor wrap(int[] shape, double[] data) {
        return new Tensor(shape, data);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    /** Rows of a matrix; a vector or scalar counts as one row. */
    public int rows() {
        return shape.length == 2 ? shape[0] : 1;
    }

    /** Columns of a matrix; the length of a vector; 1 for a scalar. */
    public int cols() {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }

    /** The value at a flat (row-major) index. */
    public double get(int index) {
        return data[index];
    }

    public double get(int row, int col) {
        return data[row * cols() + col];
    }

    /** The single value of a scalar (or of any one-element tensor). */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a one-element tensor; shape is " + Arrays.toString(shape));
        }
        return data[0];
    }

    /** A copy of the row-major values. */
    public double[] toArray() {
        return data.clone();
    }

    boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    @Override
    public String toString() {
        if (data.length == 1) {
            return Double.toString(data[0]);
        }
        return "Tensor" + Arrays.toString(shape) + (data.length <= 8 ? Arrays.toString(data) : "");
    }
}
