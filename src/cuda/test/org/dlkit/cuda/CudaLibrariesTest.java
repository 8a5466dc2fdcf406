package org.dlkit.cuda;

import org.dlkit.engine.Devices;
import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Library discovery and the no-driver message: no GPU needed. */
class CudaLibrariesTest {

    @Test
    void findsCublasInAPythonEnvironmentsNvidiaFolders(@TempDir Path tmp) throws Exception {
        Path venv = tmp.resolve("venv");
        Path cublas = venv.resolve("lib/python3.12/site-packages/nvidia/cublas/lib/libcublas.so.12");
        Path cudart = venv.resolve("lib/python3.12/site-packages/nvidia/cuda_runtime/lib/libcudart.so.12");
        for (Path p : List.of(cublas, cudart)) {
            Files.createDirectories(p.getParent());
            Files.createFile(p);
        }
        List<Path> dirs = CudaLibraries.searchPath(Map.of("VIRTUAL_ENV", venv.toString()), tmp.resolve("home"), false);
        assertTrue(dirs.contains(cublas.getParent()) && dirs.contains(cudart.getParent()), dirs.toString());
        // (a CUDA toolkit on this machine, /usr/local/cuda/lib64 on the GPU machine, comes first and may hold a
        // newer major, so look from the environment's folders on)
        int first = Math.min(dirs.indexOf(cublas.getParent()), dirs.indexOf(cudart.getParent()));
        List<Path> fromVenv = dirs.subList(first, dirs.size());
        assertEquals(cublas, CudaLibraries.find("cublas", fromVenv).orElseThrow());
        assertEquals(cudart, CudaLibraries.find("cudart", "12", fromVenv).orElseThrow());
    }

    @Test
    void findsTheCuda13WheelsSharedFolder(@TempDir Path tmp) throws Exception {
        // CUDA 13's pip wheels (and PyTorch's cu13 builds) put every library in one nvidia/cu13/lib folder
        Path lib = tmp.resolve("usr/lib/python3.12/dist-packages/nvidia/cu13/lib");
        Files.createDirectories(lib);
        Files.createFile(lib.resolve("libcublas.so.13"));
        Files.createFile(lib.resolve("libcudart.so.13"));
        List<Path> dirs = CudaLibraries.searchPath(Map.of("CONDA_PREFIX", tmp.resolve("usr").toString()),
                tmp.resolve("home"), false);
        // (a CUDA toolkit on this machine would be searched first, so look from the wheels' folder on)
        assertTrue(dirs.contains(lib), dirs.toString());
        List<Path> fromWheels = dirs.subList(dirs.indexOf(lib), dirs.size());
        assertEquals(lib.resolve("libcublas.so.13"), CudaLibraries.find("cublas", fromWheels).orElseThrow());
        assertEquals(lib.resolve("libcudart.so.13"), CudaLibraries.find("cudart", "13", fromWheels).orElseThrow());
    }

    @Test
    void takesLibcudartFromCublassOwnInstallationBeforeAnotherOfTheSameMajor(@TempDir Path tmp) throws Exception {
        // a toolkit with only the runtime (searched first), and PyTorch's wheels with cuBLAS and their own runtime
        Path toolkit = tmp.resolve("cuda-13.0/lib");
        Path wheels = tmp.resolve("venv/lib/python3.12/site-packages/nvidia");
        Path cublas = wheels.resolve("cublas/lib/libcublas.so.13");
        Path cudart = wheels.resolve("cuda_runtime/lib/libcudart.so.13");
        for (Path p : List.of(toolkit.resolve("libcudart.so.13"), cublas, cudart)) {
            Files.createDirectories(p.getParent());
            Files.createFile(p);
        }
        List<Path> dirs = List.of(toolkit, wheels.resolve("cublas/lib"), wheels.resolve("cuda_runtime/lib"));
        assertEquals(cublas, CudaLibraries.find("cublas", dirs).orElseThrow());
        // the search path alone would pair the wheels' cuBLAS with the toolkit's runtime
        assertEquals(toolkit.resolve("libcudart.so.13"), CudaLibraries.find("cudart", "13", dirs).orElseThrow());
        assertEquals(cudart, CudaLibraries.find("cudart", "13", CudaLibraries.runtimeSearchPath(cublas, dirs))
                .orElseThrow());
        // one folder with both (a toolkit's lib64, the cu13 wheels' nvidia/cu13/lib): that folder's runtime
        Path both = tmp.resolve("both");
        Files.createDirectories(both);
        Files.createFile(both.resolve("libcublas.so.13"));
        Files.createFile(both.resolve("libcudart.so.13"));
        assertEquals(both.resolve("libcudart.so.13"), CudaLibraries.find("cudart", "13",
                CudaLibraries.runtimeSearchPath(both.resolve("libcublas.so.13"), List.of(toolkit, both))).orElseThrow());
    }

    @Test
    void prefersDlkitCudaLibsAndNewerMajors(@TempDir Path tmp) throws Exception {
        Path mine = tmp.resolve("mine");
        Path ld = tmp.resolve("ld");
        Files.createDirectories(mine);
        Files.createDirectories(ld);
        Files.createFile(ld.resolve("libcublas.so.12"));
        Files.createFile(mine.resolve("libcublas.so.13"));
        List<Path> dirs = CudaLibraries.searchPath(Map.of("DLKIT_CUDA_LIBS", mine.toString(),
                "LD_LIBRARY_PATH", ld.toString()), tmp, false);
        assertTrue(dirs.indexOf(mine) < dirs.indexOf(ld), dirs.toString());
        assertEquals(mine.resolve("libcublas.so.13"), CudaLibraries.find("cublas", dirs).orElseThrow());
    }

    @Test
    void missingCublasNamesThePipPackageAndTheFoldersSearched(@TempDir Path tmp) {
        DlkitException e = assertThrows(DlkitException.class,
                () -> CudaLibraries.require("cublas", null, List.of(tmp), "nvidia-cublas-cu12"));
        assertTrue(e.getMessage().contains("nvidia-cublas-cu12") && e.getMessage().contains(tmp.toString()),
                e.getMessage());
    }

    @Test
    void withoutADriverOpeningTheDeviceSaysSo() {
        Assumptions.assumeFalse(CudaTestGpu.available(), "a CUDA driver is present");
        DlkitException e = assertThrows(DlkitException.class, () -> Devices.cuda(false));
        assertTrue(e.getMessage().startsWith("no NVIDIA driver: libcuda.so.1"), e.getMessage());
    }
}
