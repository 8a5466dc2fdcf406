package org.dlkit.cuda;

import org.dlkit.error.DlkitException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver a PTX needs. A driver's JIT compiles PTX of its own CUDA release and older, never newer: nvcc X.Y writes
 * PTX of X.Y's ISA (nvcc 13.0: {@code .version 9.0}), which a driver for CUDA 12 refuses in cuModuleLoadData
 * (CUDA_ERROR_UNSUPPORTED_PTX_VERSION, "the provided PTX was compiled with an unsupported toolchain").
 */
final class PtxDriver {

    private static final Pattern RELEASE = Pattern.compile("(?m)^//.*Cuda compilation tools, release (\\d+)\\.(\\d+)");

    private PtxDriver() {
    }

    /** The CUDA release of the nvcc that wrote {@code ptx}, as the driver API numbers it (13.0: 13000); 0 if unnamed. */
    static int toolkitVersion(String ptx) {
        Matcher m = RELEASE.matcher(ptx);
        return m.find() ? Integer.parseInt(m.group(1)) * 1000 + Integer.parseInt(m.group(2)) * 10 : 0;
    }

    /** Throws when a driver of {@code driverVersion} (cuDriverGetVersion) cannot compile {@code ptx}. */
    static void require(String ptx, int driverVersion) {
        int needed = toolkitVersion(ptx);
        if (driverVersion < needed) {
            throw new DlkitException("dlkit's CUDA kernels (engine.ptx, written by nvcc of CUDA " + version(needed)
                    + ") need an NVIDIA driver for CUDA " + version(needed) + " or newer, and this driver supports CUDA "
                    + version(driverVersion) + " (a driver's JIT compiles only PTX of its own CUDA release or older): "
                    + "update the NVIDIA driver, regenerate the PTX with this CUDA's nvcc (src/cuda/build-ptx), or "
                    + "train on the CPU (--backend cpu)");
        }
    }

    /** 12040 as "12.4". */
    static String version(int v) {
        return v / 1000 + "." + v % 1000 / 10;
    }
}
