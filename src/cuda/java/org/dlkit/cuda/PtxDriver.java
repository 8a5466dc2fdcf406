package org.dlkit.cuda;

import org.dlkit.error.DlkitException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver a PTX needs. A driver's JIT compiles PTX of its own CUDA release's ISA and older, never newer: the ISA a
 * PTX declares ({@code .version 7.0}) names the oldest driver that loads it (ISA 7.y: CUDA 11.y; 8.y: 12.y up to
 * 8.5, then 8.6 to 8.8: 12.7 to 12.9; 9.y: 13.y), which an older driver refuses in cuModuleLoadData
 * (CUDA_ERROR_UNSUPPORTED_PTX_VERSION, "the provided PTX was compiled with an unsupported toolchain"). dlkit's
 * engine.ptx declares ISA 7.0 (src/cuda/build-ptx: ptxas checks that its instructions exist there), so drivers for
 * CUDA 11.0 and newer run it.
 */
final class PtxDriver {

    private static final Pattern VERSION = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)\\s*$");

    private PtxDriver() {
    }

    /**
     * The oldest CUDA release whose driver JITs {@code ptx}, as the driver API numbers it (11.0: 11000), from the ISA
     * it declares; 0 when it declares none the table knows.
     */
    static int driverNeeded(String ptx) {
        Matcher m = VERSION.matcher(ptx);
        if (!m.find()) {
            return 0;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major == 8 && minor >= 6) {
            return 12000 + (minor + 1) * 10; // CUDA 12.6 kept ISA 8.5: 8.6, 8.7, 8.8 came with 12.7, 12.8, 12.9
        }
        if (major >= 7) {
            return (major + 4) * 1000 + minor * 10;
        }
        return major == 6 ? new int[] {9000, 9010, 9020, 10000, 10010, 10020}[Math.min(minor, 5)] : 0;
    }

    /** Throws when a driver of {@code driverVersion} (cuDriverGetVersion) cannot compile {@code ptx}. */
    static void require(String ptx, int driverVersion) {
        int needed = driverNeeded(ptx);
        if (driverVersion < needed) {
            throw new DlkitException("dlkit's CUDA kernels (engine.ptx) need an NVIDIA driver for CUDA "
                    + version(needed) + " or newer, and this driver supports CUDA " + version(driverVersion)
                    + " (a driver's JIT compiles only PTX of its own CUDA release or older): update the NVIDIA driver, "
                    + "regenerate the PTX with this CUDA's nvcc (src/cuda/build-ptx), or train on the CPU "
                    + "(--backend cpu)");
        }
    }

    /** 12040 as "12.4". */
    static String version(int v) {
        return v / 1000 + "." + v % 1000 / 10;
    }
}
