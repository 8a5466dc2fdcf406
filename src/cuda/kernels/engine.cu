// dlkit engine kernels: the element-wise and row-wise parts of an MLP training step (GEMMs and the bias
// gradient's column sums go to cuBLAS).
// Each kernel exists in float (suffix _f) and double (suffix _d). Matrices are row-major.
// Compiled ahead of time to PTX for a low compute capability by src/cuda/build-ptx; newer GPUs JIT the PTX.
// Activation codes: org.dlkit.engine.Nonlinearity; loss codes: org.dlkit.engine.OutputLoss.
// The highest of each (PtxCurrentTest checks them against the Java enums; host_check.cpp and the emulator read them):
#define LAST_ACTIVATION 14
#define LAST_LOSS 2

template <typename T> __device__ T sigm(T z) {
    return z >= T(0) ? T(1) / (T(1) + exp(-z)) : exp(z) / (T(1) + exp(z));
}

// softplus(z) = ln(1 + e^z), without overflow for large |z|
template <typename T> __device__ T softplus(T z) {
    return z > T(0) ? z + log1p(exp(-z)) : log1p(exp(z));
}

// DL4J's losses clip probabilities before the logarithm: LossMCXENT to [1e-10, 1 - 1e-10] (these are -log of the
// ends), LossBinaryXENT to [1e-5, 1 - 1e-5]; org.dlkit.engine.OutputLoss
#define MCXENT_MAX_LOSS 23.025850929940457
#define MCXENT_MIN_LOSS 1.00000000005e-10
#define XENT_CLIP 1e-5

#define SELU_ALPHA 1.6732632423543772848170429916717
#define SELU_LAMBDA 1.0507009873554804934193349852946
// DL4J M2.1 holds these in float32: GELU's k = 1.702 in z*sigmoid(k*z), the hard sigmoid's slope 0.2 (as
// org.dlkit.autodiff.Pointwise.GELU_SIGMOID_SCALE and HARD_SIGMOID_SLOPE)
#define GELU_K 1.7020000219345093
#define HARD_SIGMOID_SLOPE 0.20000000298023224

template <typename T> __device__ T act(int f, T z, T alpha) {
    switch (f) {
        case 1: return sigm(z);
        case 2: return tanh(z);
        case 3: return z > T(0) ? z : T(0);
        case 4: return z > T(0) ? z : alpha * z;
        case 5: return z > T(0) ? z : alpha * expm1(z);
        case 6: return softplus(z);
        case 7: return z / (T(1) + fabs(z));
        case 8: return T(SELU_LAMBDA) * (z > T(0) ? z : T(SELU_ALPHA) * expm1(z));
        case 9: return z * sigm(z);
        case 10: return z * sigm(T(GELU_K) * z);
        case 11: return z * tanh(softplus(z));
        case 12: return fmax(T(0), fmin(T(1), T(HARD_SIGMOID_SLOPE) * z + T(0.5)));
        case 13: return fmax(T(-1), fmin(T(1), z));
        case 14: return fmin(T(6), fmax(T(0), z));
        default: return z;
    }
}

// f'(z) from z and the cached output a = f(z)
template <typename T> __device__ T dact(int f, T z, T a, T alpha) {
    switch (f) {
        case 1: return a * (T(1) - a);
        case 2: return T(1) - a * a;
        case 3: return z > T(0) ? T(1) : T(0);
        case 4: return z >= T(0) ? T(1) : T(float(alpha));  // DL4J's backprop holds the slope in float32
        case 5: return z > T(0) ? T(1) : alpha * exp(z);
        case 6: return sigm(z);
        case 7: { T d = T(1) + fabs(z); return T(1) / (d * d); }
        case 8: return z > T(0) ? T(SELU_LAMBDA) : T(SELU_LAMBDA * SELU_ALPHA) * exp(z);
        case 9: { T s = sigm(z); return s + z * s * (T(1) - s); }
        case 10: { T kz = T(GELU_K) * z, s = sigm(kz); return s + kz * s * (T(1) - s); }
        case 11: { T t = tanh(softplus(z)); return t + z * (T(1) - t * t) * sigm(z); }
        // at the kinks DL4J's values: the hard sigmoid's and hard tanh's slope at +-2.5 and +-1, ReLU6's 0 at 0 and 6
        case 12: return fabs(z) <= T(2.5) ? T(HARD_SIGMOID_SLOPE) : T(0);
        case 13: return fabs(z) <= T(1) ? T(1) : T(0);
        case 14: return z > T(0) && z < T(6) ? T(1) : T(0);
        default: return T(1);
    }
}

// Z <- Z + b (row broadcast); A <- f(Z)
template <typename T> __device__ void bias_act(T* z, const T* b, T* a, int rows, int cols, int f, T alpha) {
    long n = (long) rows * cols;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        T v = z[i] + b[i % cols];
        z[i] = v;
        a[i] = act(f, v, alpha);
    }
}

// G <- G * f'(Z)
template <typename T> __device__ void act_back(const T* z, const T* a, T* g, long n, int f, T alpha) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        g[i] *= dact(f, z[i], a[i], alpha);
    }
}

// One thread per row: A <- output activation; with labels, D <- dL/dZ and loss_sum += sum of row losses.
template <typename T> __device__ void output_loss(int loss, int f, T alpha, const T* z, const T* y, T* a, T* d,
                                                  T* loss_sum, int rows, int cols) {
    int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) return;
    const T* zr = z + (long) r * cols;
    T* ar = a + (long) r * cols;
    double total = 0;
    if (loss == 0) {
        T m = zr[0];
        for (int j = 1; j < cols; j++) m = zr[j] > m ? zr[j] : m;
        T s = 0;
        for (int j = 0; j < cols; j++) s += exp(zr[j] - m);
        T logSum = m + log(s);
        for (int j = 0; j < cols; j++) {
            ar[j] = exp(zr[j] - logSum);
            if (y) {
                T yj = y[(long) r * cols + j], nl = logSum - zr[j];
                nl = nl < T(MCXENT_MIN_LOSS) ? T(MCXENT_MIN_LOSS) : nl > T(MCXENT_MAX_LOSS) ? T(MCXENT_MAX_LOSS) : nl;
                total += (double) (yj * nl);
                d[(long) r * cols + j] = ar[j] - yj;
            }
        }
    } else if (loss == 1) {
        for (int j = 0; j < cols; j++) {
            T x = zr[j], p = sigm(x);
            ar[j] = p;
            if (y) {
                T yj = y[(long) r * cols + j];
                T c = p < T(XENT_CLIP) ? T(XENT_CLIP) : p > T(1) - T(XENT_CLIP) ? T(1) - T(XENT_CLIP) : p;
                if (c == p) {
                    total += (double) ((x > T(0) ? x : T(0)) - yj * x + log1p(exp(-fabs(x))));
                    d[(long) r * cols + j] = p - yj;
                } else { // DL4J on a clipped p: capped loss, fading gradient
                    total += (double) (-(yj * log(c) + (T(1) - yj) * log1p(-c)));
                    d[(long) r * cols + j] = (c - yj) / (c * (T(1) - c)) * p * (T(1) - p);
                }
            }
        }
    } else {
        for (int j = 0; j < cols; j++) {
            T x = zr[j];
            ar[j] = act(f, x, alpha);
            if (y) {
                T e = ar[j] - y[(long) r * cols + j];
                total += (double) (e * e / T(cols));
                d[(long) r * cols + j] = T(2) * e / T(cols) * dact(f, x, ar[j], alpha);
            }
        }
    }
    if (y) atomicAdd(loss_sum, (T) total);
}

// theta <- theta - rate * (g + l2 * theta)
template <typename T> __device__ void sgd(T* p, const T* g, long n, T rate, T l2) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        p[i] -= rate * (g[i] + l2 * p[i]);
    }
}

// Adam (DL4J's form): g' = g + l2*theta; m, v moments; theta -= rateT * m / (sqrt(v) + eps)
template <typename T> __device__ void adam(T* p, const T* g, T* m, T* v, long n, T rateT, T b1, T b2, T eps, T l2) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) {
        T gi = g[i] + l2 * p[i];
        T mi = b1 * m[i] + (T(1) - b1) * gi;
        T vi = b2 * v[i] + (T(1) - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] -= rateT * mi / (sqrt(vi) + eps);
    }
}

template <typename T> __device__ void fill(T* p, long n, T value) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) blockDim.x * gridDim.x) p[i] = value;
}

#define BOTH(NAME, PARAMS, ARGS) \
    extern "C" __global__ void NAME##_f PARAMS(float) { NAME<float> ARGS; } \
    extern "C" __global__ void NAME##_d PARAMS(double) { NAME<double> ARGS; }

#define P_BIAS_ACT(T) (T* z, const T* b, T* a, int rows, int cols, int f, T alpha)
BOTH(bias_act, P_BIAS_ACT, (z, b, a, rows, cols, f, alpha))
#define P_ACT_BACK(T) (const T* z, const T* a, T* g, long n, int f, T alpha)
BOTH(act_back, P_ACT_BACK, (z, a, g, n, f, alpha))
#define P_OUTPUT_LOSS(T) (int loss, int f, T alpha, const T* z, const T* y, T* a, T* d, T* loss_sum, int rows, int cols)
BOTH(output_loss, P_OUTPUT_LOSS, (loss, f, alpha, z, y, a, d, loss_sum, rows, cols))
#define P_SGD(T) (T* p, const T* g, long n, T rate, T l2)
BOTH(sgd, P_SGD, (p, g, n, rate, l2))
#define P_ADAM(T) (T* p, const T* g, T* m, T* v, long n, T rateT, T b1, T b2, T eps, T l2)
BOTH(adam, P_ADAM, (p, g, m, v, n, rateT, b1, b2, eps, l2))
#define P_FILL(T) (T* p, long n, T value)
BOTH(fill, P_FILL, (p, n, value))
