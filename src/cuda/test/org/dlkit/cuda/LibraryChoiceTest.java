package org.dlkit.cuda;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The libraries follow the driver: a runtime of CUDA major M needs a driver for CUDA M.0 or newer (libcudart 13 on a
 * CUDA 12 driver fails in cudaSetDevice with cudaErrorInsufficientDriver), so of the majors found the newest the
 * driver runs is taken, and only too-new ones are refused in one line naming the driver, the libraries and the way
 * out. First the pure choice on folders of empty files, then {@code dlkit train --backend cuda} on the emulator
 * playing a CUDA 12.4 driver, with a CUDA 13 toolkit searched first and pip's CUDA 12 wheels in a virtual
 * environment.
 */
class LibraryChoiceTest {

    /** {@code dir} with an empty lib{name}.so.{major} for each name. */
    private static Path libs(Path dir, String major, String... names) throws Exception {
        Files.createDirectories(dir);
        for (String name : names) {
            Files.createFile(dir.resolve("lib" + name + ".so." + major));
        }
        return dir;
    }

    @Test
    void theNewestMajorTheDriverRunsIsTaken(@TempDir Path tmp) throws Exception {
        Path cu13 = libs(tmp.resolve("cuda-13/lib64"), "13", "cublas", "cudart");
        Path cu12 = libs(tmp.resolve("cu12"), "12", "cublas", "cudart");
        Path cu11 = libs(tmp.resolve("cu11"), "11", "cublas", "cudart");
        List<Path> dirs = List.of(cu13, cu12, cu11);
        assertEquals(cu13.resolve("libcublas.so.13"), CudaLibraries.cublasFor(13000, List.of(), dirs));
        assertEquals(cu13.resolve("libcublas.so.13"), CudaLibraries.cublasFor(13020, List.of(), dirs));
        // minor-version compatibility: any 12.x runtime on any 12.x driver
        assertEquals(cu12.resolve("libcublas.so.12"), CudaLibraries.cublasFor(12040, List.of(), dirs));
        assertEquals(cu12.resolve("libcublas.so.12"), CudaLibraries.cublasFor(12000, List.of(), dirs));
        assertEquals(cu11.resolve("libcublas.so.11"), CudaLibraries.cublasFor(11080, List.of(), dirs));
        // the search order still decides among folders of the same major
        Path later12 = libs(tmp.resolve("later"), "12", "cublas");
        assertEquals(cu12.resolve("libcublas.so.12"),
                CudaLibraries.cublasFor(12090, List.of(), List.of(cu13, cu12, later12)));
        assertTrue(CudaLibraries.runs("12", 12000) && !CudaLibraries.runs("13", 12090));
    }

    @Test
    void onlyTooNewLibrariesAreRefusedNamingTheDriverTheLibrariesAndTheWayOut(@TempDir Path tmp) throws Exception {
        Path toolkit = libs(tmp.resolve("cuda-13/lib64"), "13", "cublas", "cudart");
        Path wheels = libs(tmp.resolve("nvidia/cu13/lib"), "13", "cublas", "cudart");
        DlkitException e = assertThrows(DlkitException.class,
                () -> CudaLibraries.cublasFor(12040, List.of(), List.of(toolkit, wheels)));
        String m = e.getMessage();
        assertTrue(m.startsWith("the CUDA libraries dlkit found are too new for this NVIDIA driver, which supports "
                + "CUDA 12.4: "), m);
        assertTrue(m.contains(toolkit.resolve("libcublas.so.13").toString())
                && m.contains(wheels.resolve("libcublas.so.13").toString()), m);
        assertTrue(m.contains("CUDA 13.0 or newer") && m.contains("pip install nvidia-cublas-cu12 "
                + "nvidia-cuda-runtime-cu12") && m.contains("update the NVIDIA driver"), m);
        assertFalse(m.contains("\n"), "one line: " + m);
        // a CUDA 11 driver is told the CUDA 11 wheels
        assertTrue(assertThrows(DlkitException.class, () -> CudaLibraries.cublasFor(11040, List.of(),
                List.of(libs(tmp.resolve("cu12"), "12", "cublas")))).getMessage()
                .contains("pip install nvidia-cublas-cu11 nvidia-cuda-runtime-cu11"));
        // nothing at all: the not-installed message, with the driver's wheel
        assertTrue(assertThrows(DlkitException.class, () -> CudaLibraries.cublasFor(12040, List.of(),
                List.of(tmp.resolve("nvidia")))).getMessage().startsWith("libcublas.so is not installed where dlkit "
                + "looks: install the CUDA toolkit, or pip install nvidia-cublas-cu12"));
    }

    @Test
    void dlkitCudaLibsWinsButATooNewLibraryThereIsRefused(@TempDir Path tmp) throws Exception {
        Path mine13 = libs(tmp.resolve("mine13"), "13", "cublas", "cudart");
        Path mine12 = libs(tmp.resolve("mine12"), "12", "cublas", "cudart");
        Path toolkit13 = libs(tmp.resolve("cuda-13/lib64"), "13", "cublas", "cudart");
        Path wheels12 = libs(tmp.resolve("nvidia/cublas/lib"), "12", "cublas");
        // the user's CUDA 12 folder, though the driver would run the toolkit's 13
        assertEquals(mine12.resolve("libcublas.so.12"),
                CudaLibraries.cublasFor(13000, List.of(mine12), List.of(mine12, toolkit13, wheels12)));
        // the user's CUDA 13 folder on a CUDA 12 driver: refused, not replaced by the wheels' 12 behind their back
        DlkitException e = assertThrows(DlkitException.class,
                () -> CudaLibraries.cublasFor(12040, List.of(mine13), List.of(mine13, toolkit13, wheels12)));
        assertTrue(e.getMessage().startsWith("the CUDA libraries in DLKIT_CUDA_LIBS are too new for this NVIDIA "
                + "driver, which supports CUDA 12.4: [" + mine13.resolve("libcublas.so.13") + "]"), e.getMessage());
        assertTrue(e.getMessage().contains("point DLKIT_CUDA_LIBS at their folder"), e.getMessage());
        // a DLKIT_CUDA_LIBS without any libcublas leaves the choice to the search
        assertEquals(wheels12.resolve("libcublas.so.12"), CudaLibraries.cublasFor(12040,
                List.of(tmp.resolve("cuda-13")), List.of(tmp.resolve("cuda-13"), toolkit13, wheels12)));
        assertEquals(List.of(mine12), CudaLibraries.chosenByUser(Map.of("DLKIT_CUDA_LIBS",
                mine12 + ":" + tmp.resolve("absent"))));
    }

    @Test
    void theRuntimeIsOfCublassMajorOrNamedMissing(@TempDir Path tmp) throws Exception {
        Path wheels = tmp.resolve("venv/nvidia");
        Path cublas = libs(wheels.resolve("cublas/lib"), "12", "cublas").resolve("libcublas.so.12");
        Path toolkit = libs(tmp.resolve("cuda-13/lib64"), "13", "cudart");
        List<Path> dirs = CudaLibraries.runtimeSearchPath(cublas, List.of(toolkit, cublas.getParent()));
        // the toolkit's libcudart.so.13 would not fit cuBLAS 12 (nor a CUDA 12 driver): not taken
        DlkitException e = assertThrows(DlkitException.class,
                () -> CudaLibraries.require("cudart", "12", dirs, "nvidia-cuda-runtime-cu12"));
        assertTrue(e.getMessage().startsWith("libcudart.so.12 is not installed where dlkit looks")
                && e.getMessage().contains("nvidia-cuda-runtime-cu12"), e.getMessage());
        Path cudart = libs(wheels.resolve("cuda_runtime/lib"), "12", "cudart").resolve("libcudart.so.12");
        assertEquals(cudart, CudaLibraries.require("cudart", "12",
                CudaLibraries.runtimeSearchPath(cublas, List.of(toolkit, cublas.getParent())), "x"));
    }

    /**
     * The common machine: a CUDA 12.4 driver, a CUDA 13 toolkit (CUDA_HOME, searched first) and pip's CUDA 12
     * wheels in the virtual environment; every library a link to the emulator, which plays the CUDA 12.4 driver.
     * {@code train --backend cuda} takes the wheels' cuBLAS and runtime; without the wheels, it stops in one line.
     */
    @Test
    void onACuda12DriverTrainTakesTheCuda12WheelsOverACuda13Toolkit(@TempDir Path tmp) throws Exception {
        // a copy, so that every link stays inside the test's folder
        Path emulator = Files.createDirectories(tmp.resolve("emulator")).resolve("libdlkit-cuda-emulator.so");
        Files.copy(CudaEmulator.dir().resolve("libcuda.so.1").toRealPath(), emulator);
        Path driver = link(tmp.resolve("driver"), emulator, "libcuda.so.1");
        Path toolkit = link(tmp.resolve("cuda-13.0/lib64"), emulator, "libcublas.so.13", "libcublasLt.so.13",
                "libcudart.so.13");
        Path site = tmp.resolve("venv/lib/python3.12/site-packages/nvidia");
        Path cublas = link(site.resolve("cublas/lib"), emulator, "libcublas.so.12", "libcublasLt.so.12");
        Path runtime = link(site.resolve("cuda_runtime/lib"), emulator, "libcudart.so.12");
        Map<String, String> env = Map.of("LD_LIBRARY_PATH", driver.toString(), "CUDA_HOME",
                tmp.resolve("cuda-13.0").toString(), "VIRTUAL_ENV", tmp.resolve("venv").toString(),
                "DLKIT_CUDA_LIBS", "", "DLKIT_CUDA_EMULATOR_DRIVER_VERSION", "12040");
        List<String> train = List.of("train", "--backend", "cuda", "--data", "datasets/iris.csv", "--label",
                "species", "--epochs", "5", "--out", tmp.resolve("model").toString());

        CudaEmulator.Run run = CudaEmulator.dlkit(env, train);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("driver 12.4"), run.output());
        assertTrue(run.output().contains("(" + runtime.resolve("libcudart.so.12") + "), cuBLAS ")
                && run.output().contains("(" + cublas.resolve("libcublas.so.12") + ")"), run.output());
        assertFalse(run.output().contains(toolkit.toString()), run.output());

        Map<String, String> noWheels = new HashMap<>(env);
        noWheels.remove("VIRTUAL_ENV");
        run = CudaEmulator.dlkit(noWheels, List.of("train", "--backend", "cuda", "--data", "datasets/iris.csv",
                "--label", "species", "--epochs", "5", "--out", tmp.resolve("model2").toString()));
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("the CUDA libraries dlkit found are too new for this NVIDIA driver, which "
                + "supports CUDA 12.4: [" + toolkit.resolve("libcublas.so.13") + "]"), run.output());
        assertFalse(run.output().contains("status 35") || run.output().contains("\tat "), run.output());
        assertFalse(Files.exists(tmp.resolve("model2")), "nothing written");
    }

    /** {@code dir} with links {@code names} to {@code target}. */
    private static Path link(Path dir, Path target, String... names) throws Exception {
        Files.createDirectories(dir);
        for (String name : names) {
            Files.createSymbolicLink(dir.resolve(name), target);
        }
        return dir;
    }
}
