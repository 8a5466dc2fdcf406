package org.dlkit.cuda;

import org.dlkit.error.DlkitException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C functions dlkit calls, bound through the Foreign Function &amp; Memory API: the driver API (libcuda) for
 * memory, the PTX module and kernel launches; the runtime (libcudart) to attach to the same primary context; cuBLAS
 * (libcublas) for GEMM. Every call's status is checked and a failure names the call and the CUDA error.
 */
final class Cuda {

    private static final Linker LINKER = Linker.nativeLinker();

    final Arena arena = Arena.ofShared();
    private final SymbolLookup driver;
    private final SymbolLookup runtime;
    private final SymbolLookup blas;
    final Path cudartPath;
    final Path cublasPath;
    /** The CUDA version the driver supports, as cuDriverGetVersion gives it (12040: CUDA 12.4). */
    final int driverVersion;

    final MethodHandle cuInit, cuDriverGetVersion, cuDeviceGetCount, cuDeviceGet, cuDeviceGetName,
            cuDeviceGetAttribute, cuDevicePrimaryCtxRetain, cuCtxSetCurrent, cuCtxSynchronize, cuModuleLoadData,
            cuModuleGetFunction, cuLaunchKernel, cuMemAlloc, cuMemFree, cuMemsetD8, cuMemcpyHtoD, cuMemcpyDtoH,
            cuGetErrorString, cudaSetDevice, cudaRuntimeGetVersion, cublasCreate, cublasDestroy, cublasGetVersion,
            cublasSgemm, cublasDgemm;

    /**
     * Loads the driver (libcuda.so.1 through the dynamic linker; {@code driverLibrary} instead when it is not null:
     * the tests' CUDA emulator), reads the CUDA version it supports and checks that it JITs the engine's PTX, then
     * loads the libcublas and libcudart that driver runs ({@link CudaLibraries#cublasFor}: from {@code userDirs},
     * the folders of DLKIT_CUDA_LIBS, when they hold one, else from {@code searchPath}), or throws the reason in one
     * message (no driver, no cuBLAS, libraries too new for the driver, ...).
     */
    Cuda(Path driverLibrary, List<Path> userDirs, List<Path> searchPath) {
        try {
            driver = driverLibrary == null ? SymbolLookup.libraryLookup("libcuda.so.1", arena)
                    : SymbolLookup.libraryLookup(driverLibrary, arena);
        } catch (IllegalArgumentException e) {
            throw new DlkitException("no NVIDIA driver: libcuda.so.1 cannot be loaded (the dynamic linker's cache, "
                    + "LD_LIBRARY_PATH); dlkit's CUDA engine needs an NVIDIA GPU with its driver installed");
        }
        cuDriverGetVersion = bind(driver, "cuDriverGetVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        driverVersion = driverVersion(cuDriverGetVersion);
        PtxDriver.require(CudaDevice.ptx(), driverVersion); // before the libraries, which would fail less clearly
        cublasPath = CudaLibraries.cublasFor(driverVersion, userDirs, searchPath);
        String major = CudaLibraries.major(cublasPath);
        cudartPath = CudaLibraries.require("cudart", major, CudaLibraries.runtimeSearchPath(cublasPath, searchPath),
                "nvidia-cuda-runtime-cu" + major);
        runtime = SymbolLookup.libraryLookup(cudartPath, arena);
        // libcublas needs libcublasLt by soname: load the one beside it first, so the linker finds it loaded
        CudaLibraries.find("cublasLt", major, List.of(cublasPath.getParent()))
                .ifPresent(lt -> SymbolLookup.libraryLookup(lt, arena));
        blas = SymbolLookup.libraryLookup(cublasPath, arena);

        FunctionDescriptor intPtr = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        cuInit = bind(driver, "cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        cuDeviceGetCount = bind(driver, "cuDeviceGetCount", intPtr);
        cuDeviceGet = bind(driver, "cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        cuDeviceGetName = bind(driver, "cuDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        cuDeviceGetAttribute = bind(driver, "cuDeviceGetAttribute",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        cuDevicePrimaryCtxRetain = bind(driver, "cuDevicePrimaryCtxRetain",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        cuCtxSetCurrent = bind(driver, "cuCtxSetCurrent", intPtr);
        cuCtxSynchronize = bind(driver, "cuCtxSynchronize", FunctionDescriptor.of(JAVA_INT));
        cuModuleLoadData = bind(driver, "cuModuleLoadData", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        cuModuleGetFunction = bind(driver, "cuModuleGetFunction",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        cuLaunchKernel = bind(driver, "cuLaunchKernel", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        cuMemAlloc = bind(driver, "cuMemAlloc_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        cuMemFree = bind(driver, "cuMemFree_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        cuMemsetD8 = bind(driver, "cuMemsetD8_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ValueLayout.JAVA_BYTE,
                JAVA_LONG));
        cuMemcpyHtoD = bind(driver, "cuMemcpyHtoD_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG));
        cuMemcpyDtoH = bind(driver, "cuMemcpyDtoH_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
        cuGetErrorString = bind(driver, "cuGetErrorString", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        cudaSetDevice = bind(runtime, "cudaSetDevice", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        cudaRuntimeGetVersion = bind(runtime, "cudaRuntimeGetVersion", intPtr);
        cublasCreate = bind(blas, "cublasCreate_v2", intPtr);
        cublasDestroy = bind(blas, "cublasDestroy_v2", intPtr);
        cublasGetVersion = bind(blas, "cublasGetVersion_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        FunctionDescriptor gemm = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
        cublasSgemm = bind(blas, "cublasSgemm_v2", gemm);
        cublasDgemm = bind(blas, "cublasDgemm_v2", gemm);
    }

    private static int driverVersion(MethodHandle cuDriverGetVersion) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            int status = (int) cuDriverGetVersion.invokeExact(out);
            if (status != 0) {
                throw new DlkitException("CUDA cuDriverGetVersion failed: error " + status);
            }
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new DlkitException(
                "the CUDA library in use has no function " + name + ": it is too old for dlkit's engine"));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    /** Throws when a driver call failed, naming it and the driver's error text. */
    void check(int status, String call) {
        if (status != 0) {
            throw new DlkitException("CUDA " + call + " failed: " + errorName(status));
        }
    }

    /** Throws when a runtime or cuBLAS call failed, naming its status. */
    static void checkLibrary(int status, String call) {
        if (status != 0) {
            throw new DlkitException("CUDA " + call + " failed: " + libraryError(call, status));
        }
    }

    /**
     * Throws when cudaSetDevice, the first call into libcudart, failed: where a runtime that does not fit the driver
     * (newer than it, or from another installation than the driver's libraries expect) fails.
     */
    static void checkRuntime(int status, Path cudart, int driverVersion) {
        if (status != 0) {
            throw new DlkitException("CUDA cudaSetDevice failed: " + libraryError("cudaSetDevice", status)
                    + ": the CUDA runtime " + cudart + " cannot work with this NVIDIA driver (CUDA "
                    + PtxDriver.version(driverVersion) + "); set DLKIT_CUDA_LIBS to the folder of a libcudart and "
                    + "libcublas of the driver's CUDA version or older, or update the driver");
        }
    }

    /** cudaError_t values that setting up the device can meet (cuda_runtime_api.h). */
    private static final Map<Integer, String> CUDART = Map.of(1, "cudaErrorInvalidValue", 2,
            "cudaErrorMemoryAllocation", 3, "cudaErrorInitializationError", 35, "cudaErrorInsufficientDriver", 36,
            "cudaErrorCallRequiresNewerDriver", 46, "cudaErrorDevicesUnavailable", 100, "cudaErrorNoDevice", 101,
            "cudaErrorInvalidDevice", 803, "cudaErrorSystemDriverMismatch", 999, "cudaErrorUnknown");

    /** cublasStatus_t (cublas_api.h). */
    private static final Map<Integer, String> CUBLAS = Map.of(1, "CUBLAS_STATUS_NOT_INITIALIZED", 3,
            "CUBLAS_STATUS_ALLOC_FAILED", 7, "CUBLAS_STATUS_INVALID_VALUE", 8, "CUBLAS_STATUS_ARCH_MISMATCH", 11,
            "CUBLAS_STATUS_MAPPING_ERROR", 13, "CUBLAS_STATUS_EXECUTION_FAILED", 14, "CUBLAS_STATUS_INTERNAL_ERROR", 15,
            "CUBLAS_STATUS_NOT_SUPPORTED", 16, "CUBLAS_STATUS_LICENSE_ERROR");

    /** "cudaErrorInsufficientDriver (35)" for a runtime call, "CUBLAS_STATUS_ALLOC_FAILED (3)" for a cuBLAS one. */
    static String libraryError(String call, int status) {
        String name = (call.startsWith("cublas") ? CUBLAS : CUDART).get(status);
        return name == null ? "status " + status : name + " (" + status + ")";
    }

    String errorName(int status) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment text = a.allocate(ADDRESS);
            int rc = (int) cuGetErrorString.invokeExact(status, text);
            MemorySegment s = text.get(ADDRESS, 0);
            return rc == 0 && !s.equals(MemorySegment.NULL)
                    ? s.reinterpret(1000).getString(0) + " (" + status + ")" : "error " + status;
        } catch (Throwable t) {
            return "error " + status;
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    static final ValueLayout.OfFloat FLOAT = JAVA_FLOAT;
    static final ValueLayout.OfDouble DOUBLE = JAVA_DOUBLE;
}
