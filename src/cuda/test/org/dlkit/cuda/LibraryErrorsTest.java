package org.dlkit.cuda;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failed libcudart or cuBLAS call names its status (cudaError_t, cublasStatus_t), not a bare number, and the first
 * runtime call (cudaSetDevice, where a libcudart that does not fit the driver fails) names the library it came from.
 */
class LibraryErrorsTest {

    @Test
    void runtimeAndCublasStatusesAreNamed() {
        assertEquals("cudaErrorInsufficientDriver (35)", Cuda.libraryError("cudaSetDevice", 35));
        assertEquals("cudaErrorCallRequiresNewerDriver (36)", Cuda.libraryError("cudaSetDevice", 36));
        assertEquals("CUBLAS_STATUS_ALLOC_FAILED (3)", Cuda.libraryError("cublasCreate", 3));
        assertEquals("CUBLAS_STATUS_EXECUTION_FAILED (13)", Cuda.libraryError("cublasSgemm", 13));
        assertEquals("status 4711", Cuda.libraryError("cublasSgemm", 4711));
    }

    @Test
    void aRuntimeThatCannotAttachToTheDriverIsNamedWithTheWayOut() {
        DlkitException e = assertThrows(DlkitException.class,
                () -> Cuda.checkRuntime(36, Path.of("/opt/cuda-13/lib64/libcudart.so.13"), 13000));
        assertTrue(e.getMessage().startsWith("CUDA cudaSetDevice failed: cudaErrorCallRequiresNewerDriver (36)")
                && e.getMessage().contains("/opt/cuda-13/lib64/libcudart.so.13")
                && e.getMessage().contains("CUDA 13.0") && e.getMessage().contains("DLKIT_CUDA_LIBS"), e.getMessage());
        Cuda.checkRuntime(0, Path.of("/x/libcudart.so.13"), 13000);
    }
}
