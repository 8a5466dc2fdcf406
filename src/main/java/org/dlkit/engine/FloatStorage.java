package org.dlkit.engine;

import org.bytedeco.javacpp.FloatPointer;

/**
 * The values of one {@link CpuFloatDevice} matrix, kept twice: a Java {@code float[]} that the element-wise loops
 * read and write (C2 vectorises them), and a native copy that OpenBLAS's SGEMM reads and writes (JavaCPP would copy
 * a Java array in and out on every call). Each side knows whether it is current; an operation asks for the side it
 * works on, and the whole storage is copied across only when that side is stale. The native copy is allocated on its
 * first use, so matrices no GEMM touches (Adam's m and v) never have one.
 *
 * <p>{@link Matrix#top(int)} views share their storage: the copies always cover every row.
 */
final class FloatStorage {

    final float[] heap;
    private FloatPointer pointer;
    private boolean heapCurrent = true;
    private boolean nativeCurrent;
    private boolean freed;

    FloatStorage(int size) {
        heap = new float[size];
    }

    /** The Java copy, current, for reading. */
    float[] read() {
        checkOpen();
        if (!heapCurrent) {
            pointer.get(heap, 0, heap.length);
            heapCurrent = true;
        }
        return heap;
    }

    /**
     * The Java copy for writing its first {@code count} values: current (unless all of it is overwritten), and from
     * now on the only current side.
     */
    float[] write(int count) {
        checkOpen();
        if (count < heap.length) {
            read();
        }
        heapCurrent = true;
        nativeCurrent = false;
        return heap;
    }

    /** The Java copy, current, for reading and writing; from now on the only current side. */
    float[] update() {
        read();
        nativeCurrent = false;
        return heap;
    }

    /** The native copy, current, for reading. */
    FloatPointer nativeRead() {
        checkOpen();
        if (pointer == null) {
            pointer = new FloatPointer(Math.max(1, heap.length));
        }
        if (!nativeCurrent) {
            pointer.put(heap, 0, heap.length);
            nativeCurrent = true;
        }
        return pointer;
    }

    /**
     * The native copy for writing its first {@code count} values; current first when {@code keep} (the GEMM adds to
     * it) or when only part is overwritten, and from now on the only current side.
     */
    FloatPointer nativeWrite(int count, boolean keep) {
        checkOpen();
        if (keep || count < heap.length) {
            nativeRead();
        } else if (pointer == null) {
            pointer = new FloatPointer(Math.max(1, heap.length));
        }
        nativeCurrent = true;
        heapCurrent = false;
        return pointer;
    }

    /** Frees the native copy; the storage is unusable afterwards. */
    void free() {
        if (pointer != null) {
            pointer.deallocate();
            pointer = null;
        }
        freed = true;
    }

    private void checkOpen() {
        if (freed) {
            throw new IllegalStateException("a matrix of a closed CPU device was used");
        }
    }
}
