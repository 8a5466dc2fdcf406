package org.dlkit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;

/** Compute capability and driver rules, and the parsing of nvidia-smi's output. */
class CudaBuildTest {

    private static Optional<String> kernelFor(String device) {
        return CudaBuild.kernelFor(ComputeCapability.parse(device)).map(ComputeCapability::toString);
    }

    @Test
    void aGpuRunsTheHighestSameMajorKernelNotAboveIt() {
        assertEquals(Optional.of("8.6"), kernelFor("8.9")); // Ada runs the 8.6 code
        assertEquals(Optional.of("8.6"), kernelFor("8.6"));
        assertEquals(Optional.of("8.0"), kernelFor("8.0"));
        assertEquals(Optional.of("7.0"), kernelFor("7.2"));
        assertEquals(Optional.of("6.1"), kernelFor("6.2"));
        assertEquals(Optional.of("3.7"), kernelFor("3.7"));
    }

    @Test
    void noKernelForHopperAndNewerNorForOldKepler() {
        for (String device : List.of("9.0", "10.0", "12.0", "3.5", "3.0")) {
            assertEquals(Optional.empty(), kernelFor(device), device);
        }
    }

    @Test
    void driverVersionsCompareNumberByNumber() {
        DriverVersion min = CudaBuild.MIN_DRIVER;
        assertTrue(DriverVersion.parse("580.95.05").compareTo(min) > 0);
        assertTrue(DriverVersion.parse("450.80.02").compareTo(min) == 0);
        assertTrue(DriverVersion.parse("450.80.1").compareTo(min) < 0);
        assertTrue(DriverVersion.parse("418.87.01").compareTo(min) < 0);
        assertNull(DriverVersion.parse("[N/A]"));
    }

    @Test
    void nvidiaSmiLinesBecomeGpus() {
        SmiOutput smi = new SmiOutput(0, Machine.A100 + "Quadro RTX 8000, Rev. A, 7.5, [N/A]\n"
                + "NVIDIA H100 80GB HBM3, [N/A], 580.95.05\n", true);
        List<Gpu> gpus = smi.gpus();
        assertEquals(3, gpus.size());
        assertEquals(new Gpu(0, "NVIDIA A100-SXM4-40GB", new ComputeCapability(8, 0),
                DriverVersion.parse("535.104.05")), gpus.get(0));
        assertEquals("Quadro RTX 8000, Rev. A", gpus.get(1).name());
        assertNull(gpus.get(1).driver());
        assertNull(gpus.get(2).computeCapability());
        assertEquals(2, gpus.get(2).index());
    }

    @Test
    void olderNvidiaSmiHasNoComputeCapability() {
        List<Gpu> gpus = new SmiOutput(0, Machine.K80_DRIVER_418, false).gpus();
        assertEquals(1, gpus.size());
        assertEquals("Tesla K80", gpus.get(0).name());
        assertNull(gpus.get(0).computeCapability());
        assertEquals("418.87.01", gpus.get(0).driver().toString());
    }

    @Test
    void nvidiaSmiFailuresAreTold() {
        assertTrue(new SmiOutput(9, Machine.DRIVER_DOWN, true).driverNotRunning());
        assertTrue(new SmiOutput(6, Machine.NO_DEVICES, true).noDevices());
        assertTrue(new SmiOutput(6, Machine.NO_DEVICES, true).gpus().isEmpty());
        assertTrue(new SmiOutput(0, "\n", true).noDevices());
    }

    @Test
    void backendChoiceParsesAnyCase() {
        assertEquals(BackendChoice.CUDA, BackendChoice.parse("CUDA"));
        assertEquals(BackendChoice.AUTO, BackendChoice.parse(" auto "));
        DlkitException e = assertThrows(DlkitException.class, () -> BackendChoice.parse("gpu"));
        assertTrue(e.getMessage().contains("auto, cpu or cuda"));
    }
}
