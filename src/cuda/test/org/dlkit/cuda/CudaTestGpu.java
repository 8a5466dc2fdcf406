package org.dlkit.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

/** Whether this machine has an NVIDIA driver: the GPU tests skip cleanly without one. */
final class CudaTestGpu {

    private CudaTestGpu() {
    }

    static boolean available() {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup("libcuda.so.1", arena);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
