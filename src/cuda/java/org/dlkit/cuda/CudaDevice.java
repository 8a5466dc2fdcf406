package org.dlkit.cuda;

import org.dlkit.engine.Device;
import org.dlkit.engine.Matrix;
import org.dlkit.engine.Nonlinearity;
import org.dlkit.engine.OutputLoss;
import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The engine's {@link Device} on the first CUDA GPU: matrices in GPU memory, GEMM through cuBLAS (SGEMM in float,
 * DGEMM in double), everything else as the PTX kernels of {@code engine.cu}, which the driver compiles for this GPU
 * when the module loads. Row-major matrices are handed to column-major cuBLAS as their transposes:
 * C = op(A)·op(B) is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ.
 */
public final class CudaDevice implements Device {

    static final String PTX = "/org/dlkit/cuda/engine.ptx";
    /** The kernels of engine.cu; each exists with suffix _f and _d. */
    static final List<String> KERNELS = List.of("bias_act", "act_back", "output_loss", "sgd", "adam", "fill");
    private static final int BLOCK = 256;
    private static final int OP_N = 0;
    private static final int OP_T = 1;

    private final Cuda cuda;
    private final boolean dp;
    private final int bytes;
    private final String description;
    private final MemorySegment blasHandle;
    private final Map<String, MemorySegment> functions = new HashMap<>();
    private final List<Long> allocations = new ArrayList<>();
    private boolean closed;
    /** A column of ones for {@link #columnSums}. */
    private Matrix ones;

    /** A row-major block of GPU memory. */
    static final class Gpu extends Matrix {
        final long ptr;
        final int bytes;

        Gpu(long ptr, int rows, int cols, int bytes) {
            super(rows, cols);
            this.ptr = ptr;
            this.bytes = bytes;
        }

        @Override
        public Matrix top(int n) {
            checkTop(n);
            return new Gpu(ptr, n, cols(), bytes);
        }

        long byteSize() {
            return (long) size() * bytes;
        }
    }

    /**
     * Opens GPU 0 in double or float precision.
     *
     * @throws DlkitException when the driver, a GPU, libcudart or libcublas is missing, or the PTX does not load
     */
    public static Device open(boolean doublePrecision) {
        Path home = Path.of(System.getProperty("user.home", "/"));
        return new CudaDevice(new Cuda(null, CudaLibraries.chosenByUser(System.getenv()),
                CudaLibraries.searchPath(System.getenv(), home, true)), doublePrecision);
    }

    /** Opens GPU 0 of {@code cuda}'s libraries in double or float precision. */
    CudaDevice(Cuda cuda, boolean dp) {
        this.cuda = cuda;
        this.dp = dp;
        this.bytes = dp ? 8 : 4;
        try (Arena a = Arena.ofConfined()) {
            int init = (int) cuda.cuInit.invokeExact(0);
            if (init == 100) {
                throw new DlkitException("the NVIDIA driver is installed but sees no CUDA GPU (cuInit: no device)");
            }
            cuda.check(init, "cuInit");
            MemorySegment out = a.allocate(JAVA_INT);
            int driver = cuda.driverVersion; // Cuda checked that it JITs the PTX and runs the libraries it chose
            String ptx = ptx();
            cuda.check((int) cuda.cuDeviceGet.invokeExact(out, 0), "cuDeviceGet");
            int device = out.get(JAVA_INT, 0);
            MemorySegment name = a.allocate(256);
            cuda.check((int) cuda.cuDeviceGetName.invokeExact(name, 256, device), "cuDeviceGetName");
            cuda.check((int) cuda.cuDeviceGetAttribute.invokeExact(out, 75, device), "cuDeviceGetAttribute");
            int major = out.get(JAVA_INT, 0);
            cuda.check((int) cuda.cuDeviceGetAttribute.invokeExact(out, 76, device), "cuDeviceGetAttribute");
            int minor = out.get(JAVA_INT, 0);
            MemorySegment ctx = a.allocate(ADDRESS);
            cuda.check((int) cuda.cuDevicePrimaryCtxRetain.invokeExact(ctx, device), "cuDevicePrimaryCtxRetain");
            cuda.check((int) cuda.cuCtxSetCurrent.invokeExact(ctx.get(ADDRESS, 0)), "cuCtxSetCurrent");
            Cuda.checkRuntime((int) cuda.cudaSetDevice.invokeExact(device), cuda.cudartPath, driver);
            Cuda.checkLibrary((int) cuda.cudaRuntimeGetVersion.invokeExact(out), "cudaRuntimeGetVersion");
            int runtime = out.get(JAVA_INT, 0);
            MemorySegment handle = a.allocate(ADDRESS);
            Cuda.checkLibrary((int) cuda.cublasCreate.invokeExact(handle), "cublasCreate");
            blasHandle = handle.get(ADDRESS, 0);
            Cuda.checkLibrary((int) cuda.cublasGetVersion.invokeExact(blasHandle, out), "cublasGetVersion");
            int blas = out.get(JAVA_INT, 0);
            loadKernels(a, ptx);
            description = String.format(Locale.ROOT,
                    "CUDA %s (compute capability %d.%d), %s; driver %s, runtime %s (%s), "
                    + "cuBLAS %d (%s)", name.getString(0), major, minor, dp ? "double" : "float", version(driver),
                    version(runtime), cuda.cudartPath, blas, cuda.cublasPath);
        } catch (Throwable t) {
            throw Cuda.rethrow(t);
        }
    }

    private static String version(int v) {
        return PtxDriver.version(v);
    }

    /** The text of the engine's PTX, from the class path. */
    static String ptx() {
        try (InputStream in = CudaDevice.class.getResourceAsStream(PTX)) {
            if (in == null) {
                throw new DlkitException("the PTX " + PTX + " is not on the class path (build with the cuda-engine profile)");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new DlkitException("cannot read the PTX " + PTX + ": " + e.getMessage());
        }
    }

    private void loadKernels(Arena a, String text) throws Throwable {
        byte[] ptx = text.getBytes(StandardCharsets.US_ASCII);
        MemorySegment image = a.allocate(ptx.length + 1L);
        MemorySegment.copy(ptx, 0, image, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, ptx.length);
        MemorySegment module = a.allocate(ADDRESS);
        cuda.check((int) cuda.cuModuleLoadData.invokeExact(module, image), "cuModuleLoadData (JIT of engine.ptx)");
        for (String k : KERNELS) {
            for (String suffix : List.of("_f", "_d")) {
                MemorySegment f = a.allocate(ADDRESS);
                cuda.check((int) cuda.cuModuleGetFunction.invokeExact(f, module.get(ADDRESS, 0),
                        a.allocateFrom(k + suffix)), "cuModuleGetFunction " + k + suffix);
                functions.put(k + suffix, f.get(ADDRESS, 0));
            }
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean doublePrecision() {
        return dp;
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        long size = Math.max(1, (long) rows * cols) * bytes;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            cuda.check((int) cuda.cuMemAlloc.invokeExact(out, size), "cuMemAlloc of " + size + " bytes");
            long ptr = out.get(JAVA_LONG, 0);
            allocations.add(ptr);
            cuda.check((int) cuda.cuMemsetD8.invokeExact(ptr, (byte) 0, size), "cuMemsetD8");
            return new Gpu(ptr, rows, cols, bytes);
        } catch (Throwable t) {
            throw Cuda.rethrow(t);
        }
    }

    private static Gpu gpu(Matrix m) {
        return (Gpu) m;
    }

    @Override
    public void upload(double[] values, Matrix dst) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate(gpu(dst).byteSize());
            for (int i = 0; i < dst.size(); i++) {
                if (dp) {
                    host.setAtIndex(JAVA_DOUBLE, i, values[i]);
                } else {
                    host.setAtIndex(JAVA_FLOAT, i, (float) values[i]);
                }
            }
            copyIn(host, gpu(dst));
        }
    }

    @Override
    public void upload(float[] values, Matrix dst) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate(gpu(dst).byteSize());
            if (dp) {
                for (int i = 0; i < dst.size(); i++) {
                    host.setAtIndex(JAVA_DOUBLE, i, values[i]);
                }
            } else {
                MemorySegment.copy(values, 0, host, JAVA_FLOAT, 0, dst.size());
            }
            copyIn(host, gpu(dst));
        }
    }

    private void copyIn(MemorySegment host, Gpu dst) {
        try {
            cuda.check((int) cuda.cuMemcpyHtoD.invokeExact(dst.ptr, host, dst.byteSize()), "cuMemcpyHtoD");
        } catch (Throwable t) {
            throw Cuda.rethrow(t);
        }
    }

    @Override
    public double[] download(Matrix m) {
        Gpu g = gpu(m);
        double[] out = new double[m.size()];
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate(Math.max(1, g.byteSize()));
            cuda.check((int) cuda.cuMemcpyDtoH.invokeExact(host, g.ptr, g.byteSize()), "cuMemcpyDtoH");
            for (int i = 0; i < out.length; i++) {
                out[i] = dp ? host.getAtIndex(JAVA_DOUBLE, i) : host.getAtIndex(JAVA_FLOAT, i);
            }
        } catch (Throwable t) {
            throw Cuda.rethrow(t);
        }
        return out;
    }

    @Override
    public void fill(Matrix m, double value) {
        launch("fill", blocks(m.size()), BLOCK, gpu(m).ptr, (long) m.size(), t(value));
    }

    @Override
    public void gemm(boolean ta, boolean tb, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        int m = c.rows(), n = c.cols(), k = ta ? a.rows() : a.cols();
        if ((ta ? a.cols() : a.rows()) != m || (tb ? b.cols() : b.rows()) != k || (tb ? b.rows() : b.cols()) != n) {
            throw new IllegalArgumentException("gemm shapes: op(" + a + ") x op(" + b + ") into " + c);
        }
        if (m == 0 || n == 0) {
            return;
        }
        try (Arena s = Arena.ofConfined()) {
            MemorySegment al = dp ? s.allocateFrom(JAVA_DOUBLE, alpha) : s.allocateFrom(JAVA_FLOAT, (float) alpha);
            MemorySegment be = dp ? s.allocateFrom(JAVA_DOUBLE, beta) : s.allocateFrom(JAVA_FLOAT, (float) beta);
            // column-major: C^T [n x m] = op(B)^T [n x k] . op(A)^T [k x m]
            int status = dp
                    ? (int) cuda.cublasDgemm.invokeExact(blasHandle, tb ? OP_T : OP_N, ta ? OP_T : OP_N, n, m, k, al,
                    gpu(b).ptr, b.cols(), gpu(a).ptr, a.cols(), be, gpu(c).ptr, n)
                    : (int) cuda.cublasSgemm.invokeExact(blasHandle, tb ? OP_T : OP_N, ta ? OP_T : OP_N, n, m, k, al,
                    gpu(b).ptr, b.cols(), gpu(a).ptr, a.cols(), be, gpu(c).ptr, n);
            Cuda.checkLibrary(status, dp ? "cublasDgemm" : "cublasSgemm");
        } catch (Throwable t) {
            throw Cuda.rethrow(t);
        }
    }

    @Override
    public void biasActivation(Matrix z, Matrix bias, Nonlinearity f, double alpha, Matrix a) {
        launch("bias_act", blocks(z.size()), BLOCK, gpu(z).ptr, gpu(bias).ptr, gpu(a).ptr, z.rows(), z.cols(),
                f.code(), t(alpha));
    }

    @Override
    public void activationBackward(Nonlinearity f, double alpha, Matrix z, Matrix a, Matrix g) {
        launch("act_back", blocks(g.size()), BLOCK, gpu(z).ptr, gpu(a).ptr, gpu(g).ptr, (long) g.size(), f.code(),
                t(alpha));
    }

    @Override
    public void outputLoss(OutputLoss loss, Nonlinearity f, double alpha, Matrix z, Matrix labels, Matrix a,
                           Matrix delta, Matrix lossSum) {
        long y = labels == null ? 0L : gpu(labels).ptr;
        launch("output_loss", (z.rows() + BLOCK - 1) / BLOCK, BLOCK, loss.code(), f.code(), t(alpha), gpu(z).ptr, y,
                gpu(a).ptr, gpu(delta).ptr, gpu(lossSum).ptr, z.rows(), z.cols());
    }

    /**
     * Column sums as a GEMM with a column of ones: out [1 × n] = scale · 1ᵀ·M, so cuBLAS does the reduction (a thread
     * per column looping over the rows would wait on each load).
     */
    @Override
    public void columnSums(Matrix m, double scale, Matrix out) {
        if (ones == null || ones.rows() < m.rows()) {
            ones = allocate(Math.max(m.rows(), 1024), 1);
            fill(ones, 1);
        }
        gemm(true, false, scale, ones.top(m.rows()), m, 0, out);
    }

    @Override
    public void sgd(Matrix theta, Matrix g, double rate, double l2) {
        launch("sgd", blocks(theta.size()), BLOCK, gpu(theta).ptr, gpu(g).ptr, (long) theta.size(), t(rate), t(l2));
    }

    @Override
    public void adam(Matrix theta, Matrix g, Matrix m, Matrix v, double rateT, double beta1, double beta2,
                     double epsilon, double l2) {
        launch("adam", blocks(theta.size()), BLOCK, gpu(theta).ptr, gpu(g).ptr, gpu(m).ptr, gpu(v).ptr,
                (long) theta.size(), t(rateT), t(beta1), t(beta2), t(epsilon), t(l2));
    }

    /** A scalar of the kernel's element type. */
    private Object t(double v) {
        return dp ? (Object) v : (Object) (float) v;
    }

    private static int blocks(long n) {
        return (int) Math.max(1, Math.min(65535, (n + BLOCK - 1) / BLOCK));
    }

    /** Launches {@code name}_f or _d; arguments: Long (pointers, 64-bit counts), Integer, Float, Double. */
    private void launch(String name, int grid, int block, Object... args) {
        MemorySegment f = functions.get(name + (dp ? "_d" : "_f"));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) {
                MemorySegment arg = switch (args[i]) {
                    case Long l -> a.allocateFrom(JAVA_LONG, l);
                    case Integer n -> a.allocateFrom(JAVA_INT, n);
                    case Float x -> a.allocateFrom(JAVA_FLOAT, x);
                    case Double x -> a.allocateFrom(JAVA_DOUBLE, x);
                    default -> throw new IllegalArgumentException("kernel argument " + args[i]);
                };
                params.setAtIndex(ADDRESS, i, arg);
            }
            cuda.check((int) cuda.cuLaunchKernel.invokeExact(f, grid, 1, 1, block, 1, 1, 0, MemorySegment.NULL,
                    params, MemorySegment.NULL), "cuLaunchKernel " + name);
        } catch (Throwable t) {
            throw Cuda.rethrow(t);
        }
    }

    /** Waits for the GPU (for timing). */
    public void synchronize() {
        try {
            cuda.check((int) cuda.cuCtxSynchronize.invokeExact(), "cuCtxSynchronize");
        } catch (Throwable t) {
            throw Cuda.rethrow(t);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (long p : allocations) {
                int ignored = (int) cuda.cuMemFree.invokeExact(p);
            }
            int ignored = (int) cuda.cublasDestroy.invokeExact(blasHandle);
        } catch (Throwable t) {
            throw Cuda.rethrow(t);
        }
    }
}
