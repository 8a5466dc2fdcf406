package org.dlkit.backend;

import java.util.Optional;

/**
 * One NVIDIA GPU as {@code nvidia-smi} lists it.
 *
 * @param index             its position in nvidia-smi's list (CUDA's order unless CUDA_DEVICE_ORDER says otherwise)
 * @param name              e.g. {@code NVIDIA H100 80GB HBM3}
 * @param computeCapability null when the driver's nvidia-smi cannot report it (before driver 510)
 * @param driver            the driver version, null when unreadable
 */
record Gpu(int index, String name, ComputeCapability computeCapability, DriverVersion driver) {

    /** The kernels of ND4J's CUDA build this GPU runs; empty when it runs none (or its capability is unknown). */
    Optional<ComputeCapability> nd4jKernel() {
        return computeCapability == null ? Optional.empty() : CudaBuild.kernelFor(computeCapability);
    }

    /** Whether ND4J's CUDA build can run here: yes, no, or unknown (capability not reported). */
    String nd4jCudaVerdict() {
        if (computeCapability == null) {
            return "unknown (compute capability not reported)";
        }
        return nd4jKernel().map(kernel -> "yes (runs the " + kernel + " kernels)")
                .orElse("no (compute capability " + computeCapability + "; kernels only for " + CudaBuild.kernelList()
                        + ", no PTX)");
    }

    /** {@code GPU 0 NVIDIA H100 80GB HBM3 (compute capability 9.0)}. */
    String label() {
        return "GPU " + index + " " + name + " (compute capability "
                + (computeCapability == null ? "unknown" : computeCapability) + ")";
    }
}
