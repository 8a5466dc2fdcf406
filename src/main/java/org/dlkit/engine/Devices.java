package org.dlkit.engine;

import org.dlkit.backend.Backends;
import org.dlkit.backend.Threads;
import org.dlkit.error.DlkitException;

import java.lang.reflect.InvocationTargetException;

/**
 * Opens the engine's devices. The CUDA device is compiled only where a JDK 22 or newer builds dlkit (the
 * {@code cuda-engine} profile, source folder {@code src/cuda/java}) and runs only on Java 22+; it is found by name,
 * so this Java 17 code never links against it, and every reason it cannot open is one clear message.
 */
public final class Devices {

    /** The Java feature release the CUDA device needs (the Foreign Function &amp; Memory API is final in 22). */
    public static final int CUDA_JAVA = 22;
    static final String CUDA_CLASS = "org.dlkit.cuda.CudaDevice";
    static final String TEMURIN_HINT = "e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64";

    private Devices() {
    }

    /** The CPU in double: plain Java loops, the reference the other devices are checked against. */
    public static Device cpu() {
        return new CpuDevice();
    }

    /**
     * The CPU in float, the device that trains with {@code --engine dlkit} there: OpenBLAS SGEMM on native copies,
     * vectorised Java loops for the rest (loads dlkit's OpenBLAS first where it can), on
     * {@link Threads#engineThreads()} BLAS threads while it is open.
     */
    public static Device cpuFloat() {
        return cpuFloat(Threads.engineThreads());
    }

    /** {@link #cpuFloat()} on {@code threads} BLAS threads. */
    public static Device cpuFloat(int threads) {
        return new CpuFloatDevice(threads);
    }

    /**
     * The first CUDA GPU, in double (checks) or float (training) precision.
     *
     * @throws DlkitException on Java older than 22, in a build without the CUDA device, or when the driver, a GPU,
     *                        libcudart or libcublas is missing (the message says which and where it looked)
     */
    public static Device cuda(boolean doublePrecision) {
        int feature = Runtime.version().feature();
        if (feature < CUDA_JAVA) {
            // without a driver a newer Java would not help: say that first
            throw new DlkitException(Backends.driverProblem().map(noDriver -> noDriver + "; dlkit's CUDA engine needs "
                    + "an NVIDIA GPU with its driver installed (and Java " + CUDA_JAVA + "+; this is Java " + feature
                    + ")").orElse("the CUDA device of dlkit's engine needs Java " + CUDA_JAVA + " or newer (the "
                    + "Foreign Function & Memory API); this is Java " + feature + " at " + System.getProperty("java.home")
                    + ": run dlkit with a JDK " + CUDA_JAVA + "+ (" + TEMURIN_HINT + ") and build it with that JDK"));
        }
        Class<?> device;
        try {
            device = Class.forName(CUDA_CLASS);
        } catch (ClassNotFoundException e) {
            throw new DlkitException("this dlkit build has no CUDA device for its engine: build it with a JDK "
                    + CUDA_JAVA + "+ (" + TEMURIN_HINT + " mvn -DskipTests package; the cuda-engine profile turns on "
                    + "by itself there)");
        }
        try {
            return (Device) device.getMethod("open", boolean.class).invoke(null, doublePrecision);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(CUDA_CLASS + " cannot be opened", e);
        }
    }
}
