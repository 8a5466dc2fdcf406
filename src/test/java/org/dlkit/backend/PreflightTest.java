package org.dlkit.backend;

import static org.dlkit.backend.Backend.CPU;
import static org.dlkit.backend.Backend.CUDA;
import static org.dlkit.backend.BackendChoice.AUTO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;

/** Every preflight cause, decided from recorded machine facts. */
class PreflightTest {

    private static Decision refused(Decision decision, Cause cause) {
        assertTrue(decision.refused(), () -> "expected a refusal, got " + decision);
        assertEquals(cause, decision.cause(), decision::reason);
        return decision;
    }

    private static Decision runs(Decision decision, Backend backend) {
        assertEquals(backend, decision.backend(), decision::reason);
        assertNull(decision.cause());
        return decision;
    }

    private static void assertMentions(Decision decision, String... parts) {
        for (String part : parts) {
            assertTrue(decision.reason().contains(part), () -> "'" + part + "' missing in: " + decision.reason());
        }
    }

    @Test
    void noBackendOnTheClasspath() {
        assertMentions(refused(Machine.build().decide(AUTO), Cause.NO_BACKEND), "nd4j-native", "nd4j-cuda-11.6");
    }

    @Test
    void cudaNotInTheCpuBuild() {
        Decision cuda = refused(Machine.withGpus(Machine.A100, CPU).decide(BackendChoice.CUDA),
                Cause.CUDA_NOT_IN_BUILD);
        assertMentions(cuda, "not in this build", "-Pcuda");
    }

    @Test
    void cpuNotInTheCudaBuild() {
        Decision cpu = refused(Machine.withGpus(Machine.A100, CUDA).decide(BackendChoice.CPU), Cause.CPU_NOT_IN_BUILD);
        assertMentions(cpu, "no CPU backend", "without -Pcuda");
    }

    @Test
    void noDriverLibrary() {
        Machine laptop = Machine.build(CUDA).redist();
        assertMentions(refused(laptop.decide(BackendChoice.CUDA), Cause.NO_DRIVER), "no NVIDIA driver",
                "libcuda.so.1");
    }

    @Test
    void noDriverInTheCpuBuildNamesBothReasonsAndAutoFallsBackToCpu() {
        Machine laptop = Machine.build(CPU);
        assertMentions(refused(laptop.decide(BackendChoice.CUDA), Cause.NO_DRIVER), "libcuda.so.1",
                "no CUDA backend either", "--backend cpu");
        Decision auto = runs(laptop.decide(AUTO), CPU);
        assertTrue(auto.reason().startsWith("no NVIDIA driver"), auto.reason());
    }

    @Test
    void driverInstalledButNotRunning() {
        Machine machine = Machine.build(CUDA).driver().smi(9, Machine.DRIVER_DOWN).redist();
        assertMentions(refused(machine.decide(BackendChoice.CUDA), Cause.NO_DRIVER), "not running",
                "couldn't communicate");
    }

    @Test
    void driverButNoGpu() {
        Machine machine = Machine.build(CUDA).driver().smi(6, Machine.NO_DEVICES).redist();
        assertMentions(refused(machine.decide(BackendChoice.CUDA), Cause.NO_GPU), "no NVIDIA GPU",
                "No devices were found");
    }

    @Test
    void cudaVisibleDevicesHidesEveryGpu() {
        for (String hidden : new String[] {"", "-1", "3"}) {
            Machine machine = Machine.withGpus(Machine.A100, CUDA).visible(hidden);
            assertMentions(refused(machine.decide(BackendChoice.CUDA), Cause.NO_GPU), "CUDA_VISIBLE_DEVICES");
        }
    }

    @Test
    void driverTooOldForCuda116() {
        Machine k80 = Machine.build(CUDA).driver().smiBefore510(Machine.K80_DRIVER_418).cudaLibraries();
        assertMentions(refused(k80.decide(BackendChoice.CUDA), Cause.DRIVER_TOO_OLD), "418.87.01", "450.80.02",
                "11.6");
    }

    @Test
    void h100IsNamedAndRefusedWithTheWayOut() {
        Machine h100 = Machine.withGpus(Machine.H100, CUDA).redist();
        Decision cuda = refused(h100.decide(BackendChoice.CUDA), Cause.UNSUPPORTED_GPU);
        assertMentions(cuda, "NVIDIA H100 80GB HBM3", "compute capability 9.0", "8.6", "no PTX",
                "without -Pcuda", "--backend cpu or --backend auto");
        assertThrows(DlkitException.class, cuda::selection);
    }

    @Test
    void h100InEachBuild() {
        Machine cpuBuild = Machine.withGpus(Machine.H100, CPU);
        assertMentions(refused(cpuBuild.decide(BackendChoice.CUDA), Cause.UNSUPPORTED_GPU), "H100",
                "--backend cpu or --backend auto");
        assertMentions(runs(cpuBuild.decide(AUTO), CPU), "H100", "9.0");
        runs(cpuBuild.decide(BackendChoice.CPU), CPU);
        Decision autoInCudaBuild = refused(Machine.withGpus(Machine.H100, CUDA).decide(AUTO), Cause.UNSUPPORTED_GPU);
        assertMentions(autoInCudaBuild, "H100", "no CPU backend to fall back to");
    }

    @Test
    void keplerBelowTheCompiledSetIsRefused() {
        assertMentions(refused(Machine.withGpus(Machine.K20, CUDA).decide(BackendChoice.CUDA),
                Cause.UNSUPPORTED_GPU), "Tesla K20Xm", "3.5");
    }

    @Test
    void supportedGpusRunTheirKernels() {
        assertMentions(runs(Machine.withGpus(Machine.A100, CUDA).decide(AUTO), CUDA), "runs the 8.0 kernels");
        assertMentions(runs(Machine.withGpus(Machine.RTX_4090, CUDA).decide(BackendChoice.CUDA), CUDA),
                "RTX 4090", "runs the 8.6 kernels");
    }

    @Test
    void mixedGpusPointAtCudaVisibleDevices() {
        Machine mixed = Machine.withGpus(Machine.A100 + Machine.H100, CUDA);
        Decision refused = refused(mixed.decide(BackendChoice.CUDA), Cause.UNSUPPORTED_GPU);
        assertMentions(refused, "GPU 1 NVIDIA H100", "CUDA_VISIBLE_DEVICES=0");
        assertFalse(refused.reason().contains("GPU 0 NVIDIA A100"), refused.reason());
        runs(mixed.visible("0").decide(BackendChoice.CUDA), CUDA);
    }

    @Test
    void cudaLibrariesMissingWithoutRedistributable() {
        Machine machine = Machine.withGpus(Machine.A100, CUDA).noCudaLibraries();
        assertMentions(refused(machine.decide(BackendChoice.CUDA), Cause.CUDA_LIBRARIES_MISSING),
                "libcudart.so.11.0", "libcublas.so.11", "libcusolver.so.11", "-Pcuda-redist");
        runs(machine.redist().decide(BackendChoice.CUDA), CUDA);
    }

    @Test
    void unreadableFactsDoNotBlockButAreNamed() {
        Machine t4 = Machine.build(CUDA).driver().smiBefore510(Machine.T4_DRIVER_470).cudaLibraries();
        assertMentions(runs(t4.decide(BackendChoice.CUDA), CUDA), "not verified", "compute capability");
        Machine noSmi = Machine.build(CUDA).driver().cudaLibraries();
        assertMentions(runs(noSmi.decide(AUTO), CUDA), "not verified", "nvidia-smi not found");
    }

    @Test
    void cpuBuildOnAUsableGpuSaysWhichBuildWouldUseIt() {
        assertMentions(runs(Machine.withGpus(Machine.A100, CPU).decide(AUTO), CPU), "not in this build",
                "A100", "-Pcuda build");
        assertMentions(runs(Machine.withGpus(Machine.A100, CPU).noCudaLibraries().decide(AUTO), CPU),
                "-Pcuda-redist build");
    }

    @Test
    void bothBackendsFollowNd4jPriorities() {
        Machine both = Machine.withGpus(Machine.A100, CPU, CUDA);
        runs(both.decide(AUTO), CUDA);
        assertMentions(refused(both.decide(BackendChoice.CPU), Cause.PRIORITY_CONFLICT),
                "BACKEND_PRIORITY_CPU=101", "tries cuda first");
        runs(both.priority(CPU, 200).decide(BackendChoice.CPU), CPU);
        assertMentions(refused(Machine.withGpus(Machine.H100, CPU, CUDA).decide(AUTO), Cause.PRIORITY_CONFLICT),
                "BACKEND_PRIORITY_CPU");
        // without a driver ND4J's JCublasBackend is unavailable and ND4J loads the CPU backend (seen in a test run)
        runs(Machine.build(CPU, CUDA).decide(AUTO), CPU);
        runs(Machine.build(CPU, CUDA).decide(BackendChoice.CPU), CPU);
        refused(Machine.build(CPU, CUDA).decide(BackendChoice.CUDA), Cause.NO_DRIVER);
    }

    @Test
    void aRefusalBecomesOneUserFacingMessage() {
        DlkitException e = assertThrows(DlkitException.class,
                () -> Machine.build(CPU).decide(BackendChoice.CUDA).selection());
        assertTrue(e.getMessage().startsWith("--backend cuda: no NVIDIA driver"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        Selection cpu = Machine.build(CPU).decide(AUTO).selection();
        assertTrue(cpu.line().startsWith("backend cpu (auto: "), cpu.line());
    }

    /** The GPU dlkit's own engine may try under auto: read from the facts, so nothing is opened where there is none. */
    @Test
    void theGpuForDlkitsEngineComesFromTheFactsAlone() {
        assertEquals("NVIDIA H100 80GB HBM3", Preflight.gpuPresent(Machine.build(CPU).driver().smi(0, Machine.H100)
                .facts()).orElseThrow());
        // a driver library without nvidia-smi (dlkit's CUDA emulator on LD_LIBRARY_PATH): say where the driver is
        assertEquals("an NVIDIA driver: libcuda.so.1 at " + Machine.LIBCUDA + ", no GPU listed by nvidia-smi",
                Preflight.gpuPresent(Machine.build(CPU).driver().facts()).orElseThrow());
        assertTrue(Preflight.gpuPresent(Machine.build(CPU).facts()).isEmpty(), "no driver");
        assertTrue(Preflight.gpuPresent(Machine.build(CPU).driver().smi(6, Machine.NO_DEVICES).facts()).isEmpty());
        assertTrue(Preflight.gpuPresent(Machine.build(CPU).driver().smi(9, Machine.DRIVER_DOWN).facts()).isEmpty());
        assertTrue(Preflight.gpuPresent(Machine.build(CPU).driver().smi(0, Machine.H100).visible("-1").facts())
                .isEmpty(), "CUDA_VISIBLE_DEVICES hides it");
    }
}
