package org.dlkit.backend;

import org.dlkit.error.DlkitException;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's CPU threads: OpenMP threads for its own ops, and the BLAS library's threads for matrix products.
 *
 * <p>ND4J sets both to the number of physical cores. Its OpenMP threads busy-wait between parallel regions, so on
 * a small machine they take the cores the BLAS threads and the JVM need: on 2 vCPUs (MLP 784-512-256-10, batch 128,
 * fp32) ND4J's defaults trained 2.5–3× slower than {@code OMP_NUM_THREADS=1} when the machine was otherwise idle,
 * and about 8× slower when other processes were busy. {@link #tune} sets what {@code OMP_NUM_THREADS=1} sets (one
 * OpenMP thread, one BLAS thread) from Java, and was measured as fast. Where a machine has cores to spare, set
 * {@code OMP_NUM_THREADS} yourself (with {@code OMP_WAIT_POLICY=PASSIVE}) and compare with {@code dlkit bench}.
 *
 * <p>OpenMP keeps its thread count per thread: {@link #tune} affects the thread that calls it (the BLAS count is
 * process-wide), so call it on the thread that trains; {@link Backends#start} calls it on its caller. A user's
 * {@code OMP_NUM_THREADS} always wins.
 */
public final class Threads {

    /**
     * ND4J's thread counts as they are now, on the calling thread.
     *
     * @param openMpThreads OpenMP threads for ND4J's own ops
     * @param blasThreads   threads of the BLAS library (OpenBLAS on the CPU)
     * @param source        who decided them
     */
    public record Setting(int openMpThreads, int blasThreads, String source) {

        /** {@code OpenMP threads 1, BLAS threads 2 (dlkit: ...)}. */
        public String line() {
            return "OpenMP threads " + openMpThreads + ", BLAS threads " + blasThreads + " (" + source + ")";
        }
    }

    private Threads() {
    }

    /**
     * One OpenMP thread for ND4J's ops on the calling thread and one BLAS thread, unless the user set
     * {@code OMP_NUM_THREADS} or the backend is CUDA. Starts ND4J if it has not started: call
     * {@link Backends#select} first.
     */
    public static Setting tune() {
        if (!Nd4j.getEnvironment().isCPU()) {
            return current("CUDA backend, CPU threads as ND4J sets them");
        }
        String user = System.getenv("OMP_NUM_THREADS");
        if (user != null && !user.isBlank()) {
            return current("OMP_NUM_THREADS=" + user.strip() + ("1".equals(System.getenv("DLKIT_OMP_DEFAULT"))
                    ? " set by bin/dlkit: idle OpenMP threads busy-wait" : " set by the user"));
        }
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        return current("dlkit, as OMP_NUM_THREADS=1: idle OpenMP threads busy-wait");
    }

    /**
     * Refuses an {@code OMP_NUM_THREADS} that ND4J cannot start with: it reads the variable with
     * {@code Integer.parseInt} when set and not empty, so {@code abc}, {@code " 4"} or OpenMP's list form {@code 4,2}
     * stopped its start with a bare {@code NumberFormatException} naming no variable, and {@code 0} left BLAS with 0
     * threads after libgomp's "Invalid value" line.
     *
     * @throws DlkitException naming the variable and what it expects
     */
    static void checkOpenMpSetting(String setting) {
        if (setting == null || setting.isEmpty() || positive(setting) > 0) {
            return;
        }
        throw new DlkitException("OMP_NUM_THREADS=" + setting + " is invalid; ND4J expects one positive whole number "
                + "of threads (e.g. OMP_NUM_THREADS=1), or leave it unset");
    }

    /** The environment variable that sets the BLAS threads of dlkit's engine on the CPU. */
    public static final String ENGINE_THREADS = "DLKIT_THREADS";

    /**
     * BLAS threads for dlkit's engine on the CPU: {@value #ENGINE_THREADS} when set, else every available processor.
     * Unlike DL4J's fit loop, whose many small ND4J ops between the products made a second BLAS thread 10–15% slower
     * on the 2-vCPU build machine, the engine spends most of a step in SGEMM: two threads trained the standard MLP
     * 25–50% faster there than one (docs/performance.md, section 4).
     *
     * @throws DlkitException when {@value #ENGINE_THREADS} is not a positive whole number
     */
    public static int engineThreads() {
        return engineThreads(System.getenv(ENGINE_THREADS), Runtime.getRuntime().availableProcessors());
    }

    static int engineThreads(String setting, int processors) {
        if (setting == null || setting.isBlank()) {
            return Math.max(1, processors);
        }
        int n = positive(setting.strip());
        if (n > 0) {
            return n;
        }
        throw new DlkitException(ENGINE_THREADS + "=" + setting + " is invalid; expected a positive number of threads");
    }

    /** {@code text} as {@link Integer#parseInt} reads it when that is a positive whole number, else 0. */
    private static int positive(String text) {
        try {
            return Math.max(0, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The BLAS library's threads now (process-wide); starts ND4J if it has not started. */
    public static int blasThreads() {
        return Nd4j.factory().blas().getMaxThreads();
    }

    /** Sets the BLAS library's threads (process-wide); starts ND4J if it has not started. */
    public static void setBlasThreads(int threads) {
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** The thread counts now, on the calling thread; starts ND4J if it has not started. */
    public static Setting current(String source) {
        Nd4j.getBackend(); // NativeOpsHolder needs the properties ND4J's start loads
        return new Setting(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
                Nd4j.factory().blas().getMaxThreads(), source);
    }
}
