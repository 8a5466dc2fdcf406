package org.dlkit.backend;

/** Why a backend cannot run: each has its own message in {@link Preflight}. */
enum Cause {
    /** The build has no CUDA backend (built without {@code -Pcuda}). */
    CUDA_NOT_IN_BUILD,
    /** The build has no CPU backend (built with {@code -Pcuda}). */
    CPU_NOT_IN_BUILD,
    /** The classpath holds no ND4J backend at all. */
    NO_BACKEND,
    /** Both backends are on the classpath and ND4J's priorities would load the other one. */
    PRIORITY_CONFLICT,
    /** No NVIDIA driver: {@code libcuda.so.1} not found, or the kernel driver does not answer. */
    NO_DRIVER,
    /** A driver but no (visible) GPU. */
    NO_GPU,
    /** The driver is older than CUDA 11.6 needs. */
    DRIVER_TOO_OLD,
    /** A GPU whose compute capability has no compiled kernels in ND4J's CUDA build. */
    UNSUPPORTED_GPU,
    /** CUDA 11 libraries missing and no redistributable on the classpath. */
    CUDA_LIBRARIES_MISSING
}
