package org.dlkit.backend;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What ND4J 1.0.0-M2.1's CUDA backend ({@code org.nd4j:nd4j-cuda-11.6}, classifier {@code linux-x86_64}) needs from a
 * machine. All of it was read from the jars themselves:
 *
 * <ul>
 *   <li>{@code libnd4jcuda.so}'s {@code .nv_fatbin} holds compiled code (SASS) for exactly the capabilities in
 *       {@link #KERNELS} and no PTX, so no driver can compile it for a newer GPU: 9.0 (Hopper) and later cannot run
 *       it, and 8.9 (Ada) runs the 8.6 code;</li>
 *   <li>{@code libnd4jcuda.so} needs {@code libcublas.so.11} and {@code libcusolver.so.11} (run path
 *       {@code /usr/local/cuda-11.6/lib64}); JavaCPP's {@code libjnicudart.so} / {@code libjnicublas.so} need
 *       {@code libcuda.so.1} (the driver), {@code libcudart.so.11.0}, {@code libcublas.so.11} and
 *       {@code libcublasLt.so.11};</li>
 *   <li>the redistributable {@code org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist} carries those libraries
 *       under {@link #REDIST_DIRECTORY}.</li>
 * </ul>
 */
final class CudaBuild {

    /** The CUDA toolkit the backend was built with. */
    static final String CUDA_VERSION = "11.6";

    /**
     * The oldest Linux driver that runs CUDA 11.x applications (CUDA's minor-version compatibility; the toolkit's own
     * 11.6 driver is 510.39.01). Newer drivers run older CUDA versions.
     */
    static final DriverVersion MIN_DRIVER = DriverVersion.parse("450.80.02");

    /** The compute capabilities {@code libnd4jcuda.so} has compiled kernels for. */
    static final List<ComputeCapability> KERNELS = List.of(
            new ComputeCapability(3, 7), new ComputeCapability(5, 0), new ComputeCapability(5, 2),
            new ComputeCapability(6, 0), new ComputeCapability(6, 1), new ComputeCapability(7, 0),
            new ComputeCapability(7, 5), new ComputeCapability(8, 0), new ComputeCapability(8, 6));

    /** The NVIDIA driver's user-space library, loaded by JavaCPP's CUDA bindings. */
    static final String DRIVER_LIBRARY = "libcuda.so.1";

    /** The CUDA 11 libraries the backend loads, from the system or from the redistributable. */
    static final List<String> LIBRARIES =
            List.of("libcudart.so.11.0", "libcublas.so.11", "libcublasLt.so.11", "libcusolver.so.11");

    /** Where the redistributable jar keeps the CUDA libraries on the classpath. */
    static final String REDIST_DIRECTORY = "org/bytedeco/cuda/linux-x86_64/";

    /** Where the backend's run path and the usual CUDA installs put the libraries. */
    static final List<String> TOOLKIT_DIRECTORIES = List.of("/usr/local/cuda-11.6/lib64", "/usr/local/cuda/lib64");

    private CudaBuild() {
    }

    /** The compiled kernels a device of capability {@code device} runs: the highest same-major one not above it. */
    static Optional<ComputeCapability> kernelFor(ComputeCapability device) {
        return KERNELS.stream().filter(kernel -> kernel.runsOn(device)).max(ComputeCapability::compareTo);
    }

    /** {@code "3.7, 5.0, …, 8.6"}. */
    static String kernelList() {
        return KERNELS.stream().map(ComputeCapability::toString).collect(Collectors.joining(", "));
    }
}
