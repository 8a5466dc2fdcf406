// engine.cu compiled for the host, for host_check.cpp and the CUDA emulator (src/cuda/emulator): the CUDA keywords
// defined away, the launch indices as globals that the caller's loop over (block, thread) sets, and atomicAdd as a
// plain add (the host runs one thread at a time).
#include <cmath>
using namespace std;

struct D3 { unsigned x; };
static D3 blockIdx, threadIdx, blockDim, gridDim;
#define __global__
#define __device__
template <typename T> T atomicAdd(T* a, T v) { T o = *a; *a += v; return o; }
#include "engine.cu"
