package org.dlkit.cuda;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A driver's JIT compiles PTX of its own CUDA release's ISA and older, never newer: a PTX declaring a newer ISA would
 * fail in cuModuleLoadData ("the provided PTX was compiled with an unsupported toolchain"), after the libraries
 * loaded. The device says so first, naming both versions and the way out; the shipped PTX asks only for CUDA 11.0.
 */
class PtxDriverTest {

    @Test
    void theShippedPtxRunsOnDriversFromCuda11() {
        String ptx = CudaDevice.ptx();
        assertTrue(ptx.contains("\n.version 7.0\n"), "engine.ptx declares PTX ISA 7.0 (src/cuda/build-ptx)");
        assertEquals(11000, PtxDriver.driverNeeded(ptx));
        assertDoesNotThrow(() -> PtxDriver.require(ptx, 12040));
        assertDoesNotThrow(() -> PtxDriver.require(ptx, 11000));
        assertThrows(DlkitException.class, () -> PtxDriver.require(ptx, 10020));
    }

    @Test
    void aDriverOlderThanThePtxsIsaIsRefusedNamingBoth() {
        String ptx = "// Cuda compilation tools, release 13.0, V13.0.88\n.version 9.0\n.target sm_75\n";
        DlkitException e = assertThrows(DlkitException.class, () -> PtxDriver.require(ptx, 12040));
        assertTrue(e.getMessage().contains("CUDA 13.0") && e.getMessage().contains("CUDA 12.4")
                && e.getMessage().contains("update the NVIDIA driver"), e.getMessage());
        assertDoesNotThrow(() -> PtxDriver.require(ptx, 13000));
        assertDoesNotThrow(() -> PtxDriver.require(ptx, 13010));
        assertThrows(DlkitException.class, () -> PtxDriver.require(ptx, 12090));
        assertEquals(12040, PtxDriver.driverNeeded(".version 8.4\n"));
        assertEquals(10000, PtxDriver.driverNeeded(".version 6.3\n"));
    }

    /**
     * From ISA 8.6 the minor numbers part: CUDA 12.6 still wrote ISA 8.5, and ISA 8.6, 8.7 and 8.8 came with CUDA
     * 12.7, 12.8 and 12.9 (the PTX ISA's release history), so a 12.8 driver cannot JIT nvcc 12.9's PTX.
     */
    @Test
    void isa86To88CameWithCuda127To129() {
        assertEquals(12050, PtxDriver.driverNeeded(".version 8.5\n"));
        assertEquals(12070, PtxDriver.driverNeeded(".version 8.6\n"));
        assertEquals(12080, PtxDriver.driverNeeded(".version 8.7\n"));
        assertEquals(12090, PtxDriver.driverNeeded(".version 8.8\n"));
        assertThrows(DlkitException.class, () -> PtxDriver.require(".version 8.8\n", 12080));
        assertEquals(13000, PtxDriver.driverNeeded(".version 9.0\n"));
    }

    @Test
    void aPtxThatDeclaresNoIsaIsLeftToTheDriver() {
        assertEquals(0, PtxDriver.driverNeeded("// no version line\n.target sm_75\n"));
        assertDoesNotThrow(() -> PtxDriver.require(".target sm_75\n", 11000));
    }
}
