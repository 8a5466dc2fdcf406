// dlkit's CUDA emulator: the functions of libcuda (driver API), libcudart and libcublas that dlkit's CUDA device
// binds, implemented on the host, so the whole device (its FFM bindings, kernel arguments, launch sizes, GEMM
// transposes and leading dimensions, copy sizes) runs and is checked on a machine without a GPU. It is a test double,
// not a GPU, and its device name says so. Built by src/cuda/emulator/build into one library that answers to the
// names libcuda.so.1, libcudart.so.13 and libcublas.so.13.
//
// The kernels are engine.cu itself, compiled for the host: a launch runs every (block, thread) of its grid in turn.
// The emulator is stricter than a GPU where a GPU would fail silently:
//   - every byte a kernel, copy, memset or GEMM touches must lie inside one live allocation (checked per kernel from
//     its arguments before it runs);
//   - a row-per-thread launch must cover every row; block sizes are 1..1024, grids 1-D;
//   - new allocations hold NaN bytes (0xFF), so a read of memory nobody wrote shows up as NaN;
//   - driver calls need cuInit, memory and launches a current context, kernels a loaded module whose PTX has them.
// A failure returns the CUDA error code; cuGetErrorString then gives its name and what was wrong.
// With DLKIT_CUDA_EMULATOR_NO_MATH=1 launches and GEMMs check their arguments and return without computing: what is
// left of a training step's time is dlkit's own host-side cost (FFM calls, parameter blocks, bookkeeping).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <vector>
#include "../kernels/engine_on_host.h"

#define EXPORT extern "C" __attribute__((visibility("default")))

// ---- state and errors ----------------------------------------------------------------------------------------------

enum { OK = 0, INVALID_VALUE = 1, NOT_INITIALIZED = 3, INVALID_DEVICE = 101, INVALID_IMAGE = 200,
       INVALID_CONTEXT = 201, UNSUPPORTED_PTX_VERSION = 222, INVALID_HANDLE = 400, NOT_FOUND = 500,
       ILLEGAL_ADDRESS = 700 };

static recursive_mutex lock_;
static bool initialised = false;
static int context_object;                   // the primary context's handle is its address
static void* current = nullptr;              // the current context
static map<uintptr_t, size_t> allocations;   // start -> bytes
static string message;                       // the last failure, for cuGetErrorString
static const bool no_math = getenv("DLKIT_CUDA_EMULATOR_NO_MATH") && string(getenv("DLKIT_CUDA_EMULATOR_NO_MATH")) == "1";
// The CUDA version the emulated driver supports (cuDriverGetVersion): 13000, or DLKIT_CUDA_EMULATOR_DRIVER_VERSION
// (e.g. 12040 to play a CUDA 12.4 driver, whose JIT refuses the PTX ISA 9.0 that nvcc 13 writes).
static const int driver_version = getenv("DLKIT_CUDA_EMULATOR_DRIVER_VERSION")
        ? atoi(getenv("DLKIT_CUDA_EMULATOR_DRIVER_VERSION")) : 13000;

static int fail(int code, const string& what) {
    static const map<int, string> names = {{INVALID_VALUE, "CUDA_ERROR_INVALID_VALUE"},
        {NOT_INITIALIZED, "CUDA_ERROR_NOT_INITIALIZED"}, {INVALID_DEVICE, "CUDA_ERROR_INVALID_DEVICE"},
        {INVALID_IMAGE, "CUDA_ERROR_INVALID_IMAGE"}, {INVALID_CONTEXT, "CUDA_ERROR_INVALID_CONTEXT"},
        {UNSUPPORTED_PTX_VERSION, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"},
        {INVALID_HANDLE, "CUDA_ERROR_INVALID_HANDLE"}, {NOT_FOUND, "CUDA_ERROR_NOT_FOUND"},
        {ILLEGAL_ADDRESS, "CUDA_ERROR_ILLEGAL_ADDRESS"}};
    message = names.at(code) + " (dlkit CUDA emulator: " + what + ")";
    fprintf(stderr, "dlkit CUDA emulator: %s\n", what.c_str());
    return code;
}

static int started() { return initialised ? OK : fail(NOT_INITIALIZED, "cuInit was not called"); }

static int ready() {
    if (int r = started()) return r;
    if (current != &context_object) return fail(INVALID_CONTEXT, "no current context (cuCtxSetCurrent)");
    return OK;
}

// "" when [p, p + bytes) lies inside one live allocation, else what is wrong
static string outside(uintptr_t p, size_t bytes) {
    auto it = allocations.upper_bound(p);
    if (it != allocations.begin()) {
        --it;
        if (p >= it->first && p + bytes <= it->first + it->second) return "";
        if (p >= it->first && p < it->first + it->second)
            return to_string(bytes) + " bytes needed at offset " + to_string(p - it->first) + " of an allocation of "
                   + to_string(it->second);
    }
    return "address " + to_string(p) + " is in no allocation (" + to_string(bytes) + " bytes needed)";
}

// ---- the kernels: argument access and the memory each one touches -------------------------------------------------

template <typename A> static A arg(void** p, int i) { return *static_cast<A*>(p[i]); }

// the non-empty ones of a kernel's complaints, joined
static string all(initializer_list<string> complaints) {
    string out;
    for (const string& c : complaints) if (!c.empty()) out += (out.empty() ? "" : "; ") + c;
    return out;
}

// "" or what argument i (a pointer to `count` elements of T) gets wrong
template <typename T> static string need(void** p, int i, const char* name, long count) {
    if (count < 0) return string("a negative size for ") + name;
    if (count == 0) return "";
    string e = outside(reinterpret_cast<uintptr_t>(arg<T*>(p, i)), count * sizeof(T));
    return e.empty() ? e : string("argument ") + name + ": " + e;
}

static string code(int value, int max, const char* what) {
    return value >= 0 && value <= max ? "" : string("unknown ") + what + " code " + to_string(value);
}

template <typename T> static string check_bias_act(void** p, long) {
    long rows = arg<int>(p, 3), cols = arg<int>(p, 4);
    return all({need<T>(p, 0, "z", rows * cols), need<T>(p, 1, "b", cols), need<T>(p, 2, "a", rows * cols),
                code(arg<int>(p, 5), LAST_ACTIVATION, "activation")});
}
template <typename T> static string check_act_back(void** p, long) {
    long n = arg<long>(p, 3);
    return all({need<T>(p, 0, "z", n), need<T>(p, 1, "a", n), need<T>(p, 2, "g", n),
                code(arg<int>(p, 4), LAST_ACTIVATION, "activation")});
}
template <typename T> static string check_output_loss(void** p, long threads) {
    long rows = arg<int>(p, 8), cols = arg<int>(p, 9);
    bool labels = arg<T*>(p, 4) != nullptr;
    return all({code(arg<int>(p, 0), LAST_LOSS, "loss"), code(arg<int>(p, 1), LAST_ACTIVATION, "activation"),
                need<T>(p, 3, "z", rows * cols), need<T>(p, 5, "a", rows * cols),
                labels ? need<T>(p, 4, "y", rows * cols) : "", labels ? need<T>(p, 6, "d", rows * cols) : "",
                labels ? need<T>(p, 7, "loss_sum", 1) : "",
                threads < rows ? "the launch has " + to_string(threads) + " threads for " + to_string(rows) + " rows" : ""});
}
template <typename T> static string check_sgd(void** p, long) {
    long n = arg<long>(p, 2);
    return all({need<T>(p, 0, "p", n), need<T>(p, 1, "g", n)});
}
template <typename T> static string check_adam(void** p, long) {
    long n = arg<long>(p, 4);
    return all({need<T>(p, 0, "p", n), need<T>(p, 1, "g", n), need<T>(p, 2, "m", n), need<T>(p, 3, "v", n)});
}
template <typename T> static string check_fill(void** p, long) { return need<T>(p, 0, "p", arg<long>(p, 1)); }

// calls fn with the launch's parameters, each read as the type fn declares
template <typename... A, size_t... I> static void call(void (*fn)(A...), void** p, index_sequence<I...>) {
    fn(arg<A>(p, I)...);
}

struct Kernel {
    string name;
    string (*check)(void**, long threads);
    void (*run)(void**);
};

template <typename... A> constexpr size_t arity(void (*)(A...)) { return sizeof...(A); }
#define KERNEL(NAME, T, SUFFIX) \
    Kernel{#NAME #SUFFIX, check_##NAME<T>, [](void** p) { call(NAME##SUFFIX, p, make_index_sequence<arity(NAME##SUFFIX)>()); }}
#define BOTH_KERNELS(NAME) KERNEL(NAME, float, _f), KERNEL(NAME, double, _d)

static const vector<Kernel> kernels = {BOTH_KERNELS(bias_act), BOTH_KERNELS(act_back), BOTH_KERNELS(output_loss),
                                       BOTH_KERNELS(sgd), BOTH_KERNELS(adam), BOTH_KERNELS(fill)};

struct Module { string ptx; };

// ---- driver API ----------------------------------------------------------------------------------------------------

EXPORT int cuInit(unsigned flags) {
    lock_guard<recursive_mutex> g(lock_);
    if (flags != 0) return fail(INVALID_VALUE, "cuInit flags must be 0");
    initialised = true;
    return OK;
}
EXPORT int cuDriverGetVersion(int* v) { if (!v) return fail(INVALID_VALUE, "null"); *v = driver_version; return OK; }
EXPORT int cuDeviceGetCount(int* n) {
    if (int r = started()) return r;
    *n = 1;
    return OK;
}
EXPORT int cuDeviceGet(int* device, int ordinal) {
    if (int r = started()) return r;
    if (ordinal != 0) return fail(INVALID_DEVICE, "device " + to_string(ordinal) + " of 1");
    *device = 0;
    return OK;
}
EXPORT int cuDeviceGetName(char* name, int length, int device) {
    if (int r = started()) return r;
    if (device != 0 || length <= 0) return fail(INVALID_VALUE, "cuDeviceGetName arguments");
    snprintf(name, length, "dlkit CUDA emulator (host code, not a GPU)");
    return OK;
}
EXPORT int cuDeviceGetAttribute(int* value, int attribute, int device) {
    if (int r = started()) return r;
    if (device != 0) return fail(INVALID_DEVICE, "device " + to_string(device));
    *value = attribute == 75 ? 9 : attribute == 76 ? 0 : attribute == 1 ? 1024 : 0;
    return OK;
}
EXPORT int cuDevicePrimaryCtxRetain(void** ctx, int device) {
    if (int r = started()) return r;
    if (device != 0) return fail(INVALID_DEVICE, "device " + to_string(device));
    *ctx = &context_object;
    return OK;
}
EXPORT int cuCtxSetCurrent(void* ctx) {
    if (int r = started()) return r;
    if (ctx != nullptr && ctx != &context_object) return fail(INVALID_CONTEXT, "not a context");
    current = ctx;
    return OK;
}
EXPORT int cuCtxSynchronize() { return ready(); }

EXPORT int cuMemAlloc_v2(uintptr_t* ptr, size_t bytes) {
    lock_guard<recursive_mutex> g(lock_);
    if (int r = ready()) return r;
    if (bytes == 0) return fail(INVALID_VALUE, "cuMemAlloc of 0 bytes");
    void* p = aligned_alloc(256, (bytes + 255) / 256 * 256);
    if (!p) return 2;
    memset(p, 0xFF, bytes);
    *ptr = reinterpret_cast<uintptr_t>(p);
    allocations[*ptr] = bytes;
    return OK;
}
EXPORT int cuMemFree_v2(uintptr_t ptr) {
    lock_guard<recursive_mutex> g(lock_);
    if (int r = ready()) return r;
    if (!allocations.erase(ptr)) return fail(INVALID_VALUE, "cuMemFree of " + to_string(ptr) + ": not an allocation");
    free(reinterpret_cast<void*>(ptr));
    return OK;
}
EXPORT int cuMemsetD8_v2(uintptr_t dst, unsigned char value, size_t n) {
    lock_guard<recursive_mutex> g(lock_);
    if (int r = ready()) return r;
    string e = outside(dst, n);
    if (!e.empty()) return fail(INVALID_VALUE, "cuMemsetD8: " + e);
    memset(reinterpret_cast<void*>(dst), value, n);
    return OK;
}
EXPORT int cuMemcpyHtoD_v2(uintptr_t dst, const void* src, size_t n) {
    lock_guard<recursive_mutex> g(lock_);
    if (int r = ready()) return r;
    string e = outside(dst, n);
    if (!e.empty()) return fail(INVALID_VALUE, "cuMemcpyHtoD: " + e);
    memcpy(reinterpret_cast<void*>(dst), src, n);
    return OK;
}
EXPORT int cuMemcpyDtoH_v2(void* dst, uintptr_t src, size_t n) {
    lock_guard<recursive_mutex> g(lock_);
    if (int r = ready()) return r;
    string e = outside(src, n);
    if (!e.empty()) return fail(INVALID_VALUE, "cuMemcpyDtoH: " + e);
    memcpy(dst, reinterpret_cast<void*>(src), n);
    return OK;
}

EXPORT int cuModuleLoadData(Module** module, const void* image) {
    lock_guard<recursive_mutex> g(lock_);
    if (int r = ready()) return r;
    string ptx = static_cast<const char*>(image);
    if (ptx.find(".version") == string::npos || ptx.find(".target") == string::npos)
        return fail(INVALID_IMAGE, "the image is not PTX text (.version, .target)");
    // as a driver's JIT: PTX ISA 9.y needs a CUDA 13.y driver, 8.y one for CUDA 12.y, 7.y one for CUDA 11.y
    int isa_major = 0, isa_minor = 0;
    sscanf(ptx.c_str() + ptx.find(".version"), ".version %d.%d", &isa_major, &isa_minor);
    int needed = isa_major >= 7 ? (isa_major + 4) * 1000 + 10 * isa_minor : 0;
    if (driver_version < needed)
        return fail(UNSUPPORTED_PTX_VERSION, "PTX ISA " + to_string(isa_major) + "." + to_string(isa_minor)
                + " is newer than this driver (CUDA " + to_string(driver_version) + ") compiles");
    *module = new Module{ptx};
    return OK;
}
EXPORT int cuModuleGetFunction(const Kernel** function, Module* module, const char* name) {
    lock_guard<recursive_mutex> g(lock_);
    if (int r = ready()) return r;
    if (!module) return fail(INVALID_HANDLE, "no module");
    if (module->ptx.find(".entry " + string(name) + "(") == string::npos)
        return fail(NOT_FOUND, string("the PTX has no kernel ") + name);
    for (const Kernel& k : kernels) {
        if (k.name == name) { *function = &k; return OK; }
    }
    return fail(NOT_FOUND, string("the emulator has no kernel ") + name);
}
EXPORT int cuLaunchKernel(const Kernel* f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
                          unsigned bz, unsigned shared, void* stream, void** params, void** extra) {
    lock_guard<recursive_mutex> g(lock_);
    if (int r = ready()) return r;
    if (!f) return fail(INVALID_HANDLE, "no function");
    if (gy != 1 || gz != 1 || by != 1 || bz != 1 || shared != 0 || stream || extra || !params)
        return fail(INVALID_VALUE, f->name + ": the emulator runs 1-D launches on the default stream with their "
                                             "parameters in kernelParams");
    if (gx < 1 || gx > 2147483647u || bx < 1 || bx > 1024)
        return fail(INVALID_VALUE, f->name + ": grid " + to_string(gx) + ", block " + to_string(bx));
    string e = f->check(params, (long) gx * bx);
    if (!e.empty()) return fail(ILLEGAL_ADDRESS, f->name + ": " + e);
    if (no_math) return OK;
    gridDim.x = gx;
    blockDim.x = bx;
    for (unsigned b = 0; b < gx; b++) {
        blockIdx.x = b;
        for (unsigned t = 0; t < bx; t++) { threadIdx.x = t; f->run(params); }
    }
    return OK;
}
EXPORT int cuGetErrorString(int code, const char** text) {
    static string known;
    known = code == OK ? "CUDA_SUCCESS" : !message.empty() ? message : "CUDA error " + to_string(code);
    *text = known.c_str();
    return OK;
}

// ---- runtime API ---------------------------------------------------------------------------------------------------

EXPORT int cudaSetDevice(int device) { return device == 0 ? 0 : fail(INVALID_DEVICE, "cudaSetDevice " + to_string(device)); }
EXPORT int cudaRuntimeGetVersion(int* v) { *v = 13000; return 0; }

// ---- cuBLAS (column-major, pointer mode host) ----------------------------------------------------------------------

enum { BLAS_OK = 0, BLAS_NOT_INITIALIZED = 1, BLAS_INVALID_VALUE = 7, BLAS_EXECUTION_FAILED = 13 };
static int blas_handle;

static int blas_fail(int status, const string& what) {
    fprintf(stderr, "dlkit CUDA emulator: %s\n", what.c_str());
    return status;
}

EXPORT int cublasCreate_v2(void** handle) {
    if (!initialised || current != &context_object) return blas_fail(BLAS_NOT_INITIALIZED, "cublasCreate without a context");
    *handle = &blas_handle;
    return BLAS_OK;
}
EXPORT int cublasDestroy_v2(void* handle) { return handle == &blas_handle ? BLAS_OK : BLAS_NOT_INITIALIZED; }
EXPORT int cublasGetVersion_v2(void* handle, int* v) {
    if (handle != &blas_handle) return BLAS_NOT_INITIALIZED;
    *v = 130000;
    return BLAS_OK;
}

// op(X) as a dense column-major rows x cols copy; X is column-major with leading dimension ld
template <typename T> static vector<T> dense(int op, const T* x, int ld, int rows, int cols) {
    vector<T> out((size_t) rows * cols);
    for (int j = 0; j < cols; j++)
        for (int i = 0; i < rows; i++) out[(size_t) j * rows + i] = op == 0 ? x[i + (size_t) j * ld] : x[j + (size_t) i * ld];
    return out;
}

// bytes of a column-major rows x cols matrix with leading dimension ld
static size_t matrix_bytes(int rows, int cols, int ld, size_t size) {
    return rows == 0 || cols == 0 ? 0 : ((size_t) ld * (cols - 1) + rows) * size;
}

template <typename T> static int gemm(const char* name, void* handle, int ta, int tb, int m, int n, int k,
                                      const T* alpha, const T* a, int lda, const T* b, int ldb, const T* beta, T* c,
                                      int ldc) {
    lock_guard<recursive_mutex> g(lock_);
    if (handle != &blas_handle) return blas_fail(BLAS_NOT_INITIALIZED, string(name) + ": not a cuBLAS handle");
    int aRows = ta == 0 ? m : k, aCols = ta == 0 ? k : m, bRows = tb == 0 ? k : n, bCols = tb == 0 ? n : k;
    if (ta < 0 || ta > 2 || tb < 0 || tb > 2 || m < 0 || n < 0 || k < 0 || lda < max(1, aRows)
        || ldb < max(1, bRows) || ldc < max(1, m))
        return blas_fail(BLAS_INVALID_VALUE, string(name) + ": invalid value (as cuBLAS checks: m " + to_string(m)
                         + ", n " + to_string(n) + ", k " + to_string(k) + ", lda " + to_string(lda) + ", ldb "
                         + to_string(ldb) + ", ldc " + to_string(ldc) + ")");
    struct { const char* name; const void* p; size_t bytes; } operands[] = {
        {"A", a, matrix_bytes(aRows, aCols, lda, sizeof(T))}, {"B", b, matrix_bytes(bRows, bCols, ldb, sizeof(T))},
        {"C", c, matrix_bytes(m, n, ldc, sizeof(T))}};
    for (auto& x : operands) {
        string e = x.bytes == 0 ? "" : outside(reinterpret_cast<uintptr_t>(x.p), x.bytes);
        if (!e.empty()) return blas_fail(BLAS_EXECUTION_FAILED, string(name) + ": " + x.name + ": " + e);
    }
    if (no_math) return BLAS_OK;
    vector<T> opA = dense(ta, a, lda, m, k), opB = dense(tb, b, ldb, k, n), acc((size_t) m);
    for (int j = 0; j < n; j++) {
        std::fill(acc.begin(), acc.end(), T(0));
        for (int p = 0; p < k; p++) {
            T bpj = opB[(size_t) j * k + p];
            const T* col = &opA[(size_t) p * m];
            for (int i = 0; i < m; i++) acc[i] += col[i] * bpj;
        }
        T* cj = c + (size_t) j * ldc;
        for (int i = 0; i < m; i++) cj[i] = *beta == T(0) ? *alpha * acc[i] : *alpha * acc[i] + *beta * cj[i];
    }
    return BLAS_OK;
}

EXPORT int cublasSgemm_v2(void* h, int ta, int tb, int m, int n, int k, const float* alpha, const float* a, int lda,
                          const float* b, int ldb, const float* beta, float* c, int ldc) {
    return gemm("cublasSgemm", h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
EXPORT int cublasDgemm_v2(void* h, int ta, int tb, int m, int n, int k, const double* alpha, const double* a, int lda,
                          const double* b, int ldb, const double* beta, double* c, int ldc) {
    return gemm("cublasDgemm", h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
